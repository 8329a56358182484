import { Image, View } from '@tarojs/components';
import { previewImages } from '../services/media';
import { mediaUrl } from '../services/transport';
import './Photos.css';

/**
 * Stored photos, from the short-lived URLs a function handed out for this view (never made from a fileID);
 * a tap opens the full-screen preview.
 */
export function PhotoGrid({ urls, className = '' }: { urls: string[] | undefined; className?: string }) {
  if (!urls || urls.length === 0) return null;
  const shown = urls.map(mediaUrl);
  return (
    <View className={`photos ${className}`}>
      {shown.map((url) => (
        <View key={url} className="photos__item">
          <Image className="photos__thumb" src={url} mode="aspectFill" onClick={() => previewImages(shown, url)} />
        </View>
      ))}
    </View>
  );
}
