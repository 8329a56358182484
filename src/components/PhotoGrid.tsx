import { Image, View } from '@tarojs/components';
import { previewImages } from '../services/media';
import { mediaUrl } from '../services/transport';
import './Photos.css';

/**
 * Stored photos, from the short-lived URLs a function handed out for this view (never made from a fileID);
 * a tap opens the full-screen preview.
 */
export function PhotoGrid({
  urls,
  className = '',
  label = '照片',
}: {
  urls: string[] | undefined;
  className?: string;
  /** Names each picture for screen readers: "<label> 1"… */
  label?: string;
}) {
  if (!urls || urls.length === 0) return null;
  const shown = urls.map(mediaUrl);
  return (
    <View className={`photos ${className}`}>
      {shown.map((url, i) => (
        <View key={url} className="photos__item">
          <Image
            className="photos__thumb"
            src={url}
            mode="aspectFill"
            // h5: the <img> inside Taro's image gets its text alternative.
            nativeProps={{ alt: `${label} ${i + 1}` }}
            onClick={() => previewImages(shown, url)}
          />
        </View>
      ))}
    </View>
  );
}
