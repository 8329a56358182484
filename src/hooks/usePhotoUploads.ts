import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { asCloudError } from '../services/errors';
import { choosePhotos, isCancel } from '../services/media';
import { uploadImage } from '../services/transport';

export const MAX_PHOTOS = 9;

export interface PhotoItem {
  key: string;
  /** What the thumbnail shows: the local file until stored, then the uploader's preview URL ('' when none is left). */
  src: string;
  /** The local file, kept so a failed upload can be retried. */
  localPath?: string;
  fileID?: string;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
}

export interface PhotoUploads {
  items: PhotoItem[];
  /** fileIDs of the photos stored so far, in order. */
  fileIDs: string[];
  /** The uploader's preview of each stored photo, by fileID (kept with a draft). */
  previews: Record<string, string>;
  uploading: boolean;
  failed: boolean;
  remaining: number;
  max: number;
  add: () => Promise<void>;
  retry: (key: string) => void;
  remove: (key: string) => void;
  /** Empties the list (a new report starts). */
  reset: () => void;
}

/**
 * Why evidence photos cannot be sent yet (still uploading, one failed, none given), in the words every
 * evidence form uses; undefined when they can go.
 */
export function evidenceProblem(
  photos: Pick<PhotoUploads, 'uploading' | 'failed' | 'fileIDs'>,
  noneMessage: string,
): string | undefined {
  if (photos.uploading) return '照片还在上传，请稍候';
  if (photos.failed) return '有照片上传失败，请重试或删除';
  if (photos.fileIDs.length === 0) return noneMessage;
  return undefined;
}

let seq = 0;
const newKey = () => `p${Date.now().toString(36)}${(seq++).toString(36)}`;

/**
 * A list of photos being uploaded: each uploads on its own, a failure keeps the local file for a retry,
 * and `onChange` hears the stored fileIDs (and their previews) whenever they change (e.g. to keep them in a draft).
 * A preview is never made from a fileID: it is what the upload answered, or nothing.
 * `scope`: the one submission the photos belong to (`report:<requestId>`, `rectify:<tipoffId>`,
 * `ledger:<entryId>`, `fix:<reportId>`): each goes to that submission's own folder, which the server checks.
 */
export function usePhotoUploads(
  scope: string,
  initial: string[] = [],
  onChange?: (fileIDs: string[], previews: Record<string, string>) => void,
  max = MAX_PHOTOS,
  initialPreviews: Record<string, string> = {},
): PhotoUploads {
  const [items, setItems] = useState<PhotoItem[]>(() =>
    initial
      .slice(0, max)
      .map((fileID) => ({ key: fileID, src: initialPreviews[fileID] ?? '', fileID, state: 'done' as const })),
  );
  // The latest list, for taps that come before the next render (two quick taps must not exceed max).
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const scopeRef = useRef(scope);
  scopeRef.current = scope;
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const patch = useCallback((key: string, p: Partial<PhotoItem>) => {
    if (!alive.current) return;
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...p } : i)));
  }, []);

  const upload = useCallback(
    async (key: string, localPath: string) => {
      patch(key, { state: 'uploading', error: undefined });
      try {
        const { fileID, preview } = await uploadImage(localPath, scopeRef.current);
        patch(key, { state: 'done', fileID, src: preview });
      } catch (e) {
        patch(key, { state: 'failed', error: asCloudError(e, '上传失败').message });
      }
    },
    [patch],
  );

  const add = useCallback(async () => {
    const room = max - itemsRef.current.length;
    if (room <= 0) {
      Taro.showToast({ title: `最多 ${max} 张照片`, icon: 'none' });
      return;
    }
    let paths: string[];
    try {
      paths = await choosePhotos(room);
    } catch (e) {
      if (!isCancel(e)) Taro.showToast({ title: '无法打开相册或相机，请检查权限', icon: 'none' });
      return;
    }
    const space = max - itemsRef.current.length;
    const fresh: PhotoItem[] = paths
      .slice(0, Math.max(0, space))
      .map((localPath) => ({ key: newKey(), src: localPath, localPath, state: 'uploading' }));
    if (fresh.length === 0) return;
    itemsRef.current = [...itemsRef.current, ...fresh];
    setItems(itemsRef.current);
    fresh.forEach((f) => void upload(f.key, f.localPath as string));
  }, [max, upload]);

  const retry = useCallback(
    (key: string) => {
      const item = itemsRef.current.find((i) => i.key === key);
      if (item?.state === 'failed' && item.localPath) void upload(key, item.localPath);
    },
    [upload],
  );

  const remove = useCallback((key: string) => {
    itemsRef.current = itemsRef.current.filter((i) => i.key !== key);
    setItems(itemsRef.current);
  }, []);

  const reset = useCallback(() => {
    itemsRef.current = [];
    setItems([]);
  }, []);

  const stored = items.filter((i) => i.state === 'done' && i.fileID);
  const fileIDs = stored.map((i) => i.fileID as string);
  const previews = Object.fromEntries(stored.filter((i) => i.src).map((i) => [i.fileID as string, i.src]));
  const joined = fileIDs.join('\n');
  const reported = useRef(initial.join('\n'));
  const previewsRef = useRef(previews);
  previewsRef.current = previews;
  useEffect(() => {
    if (joined === reported.current) return;
    reported.current = joined;
    onChangeRef.current?.(joined ? joined.split('\n') : [], previewsRef.current);
  }, [joined]);

  return {
    items,
    fileIDs,
    previews,
    uploading: items.some((i) => i.state === 'uploading'),
    failed: items.some((i) => i.state === 'failed'),
    remaining: max - items.length,
    max,
    add,
    retry,
    remove,
    reset,
  };
}
