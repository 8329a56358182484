import { Image, View } from '@tarojs/components';
import { previewImages } from '../services/media';
import { fileUrl } from '../services/transport';
import './Photos.css';

/** Stored photos; a tap opens the full-screen preview. */
export function PhotoGrid({ fileIDs, className = '' }: { fileIDs: string[]; className?: string }) {
  if (fileIDs.length === 0) return null;
  const urls = fileIDs.map(fileUrl);
  return (
    <View className={`photos ${className}`}>
      {urls.map((url) => (
        <View key={url} className="photos__item">
          <Image className="photos__thumb" src={url} mode="aspectFill" onClick={() => previewImages(urls, url)} />
        </View>
      ))}
    </View>
  );
}
