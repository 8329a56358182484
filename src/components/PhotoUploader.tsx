import { Image, Text, View } from '@tarojs/components';
import type { PhotoUploads } from '../hooks/usePhotoUploads';
import { previewImages } from '../services/media';
import './Photos.css';
import { a11y } from './ui/a11y';

/** Thumbnails with delete, per-photo upload state and retry, and the add tile while there is room. */
export function PhotoUploader({ photos, className = '' }: { photos: PhotoUploads; className?: string }) {
  const stored = photos.items.filter((i) => i.state === 'done' && i.src).map((i) => i.src);
  return (
    <View className={`photos ${className}`}>
      {photos.items.map((item, index) => (
        <View key={item.key} className={`photos__item photos__item--${item.state}`}>
          {item.src ? (
            <Image
              className="photos__thumb"
              src={item.src}
              mode="aspectFill"
              onClick={() => item.state === 'done' && previewImages(stored, item.src)}
            />
          ) : (
            // A draft restored after its preview was lost: the photo is still attached.
            <Text className="photos__thumb photos__thumb--stored">已上传</Text>
          )}
          {item.state === 'uploading' && <Text className="photos__state">上传中…</Text>}
          {item.state === 'failed' && (
            <View className="photos__state photos__state--failed">
              <Text className="photos__error">{item.error ?? '上传失败'}</Text>
              <Text
                className="photos__retry"
                onClick={() => photos.retry(item.key)}
                {...a11y({ role: 'button', label: `重试上传第 ${index + 1} 张照片` })}
              >
                重试
              </Text>
            </View>
          )}
          <Text
            className="photos__delete"
            onClick={() => photos.remove(item.key)}
            {...a11y({ role: 'button', label: `删除第 ${index + 1} 张照片` })}
          >
            删除
          </Text>
          <Text className="photos__index">{index + 1}</Text>
        </View>
      ))}
      {photos.remaining > 0 && (
        <View
          className="photos__add"
          onClick={() => void photos.add()}
          // Named by its visible text (添加照片 0/9): a separate label that differs from it confuses voice control.
          {...a11y({ role: 'button' })}
        >
          <Text className="photos__add-plus">＋</Text>
          <Text className="photos__add-text">添加照片</Text>
          <Text className="photos__add-count">
            {photos.items.length}/{photos.max}
          </Text>
        </View>
      )}
    </View>
  );
}
