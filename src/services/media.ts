import Taro from '@tarojs/taro';

/** The user closed a picker or dialog: nothing to tell them. */
export function isCancel(e: unknown): boolean {
  const msg = (e as { errMsg?: string } | undefined)?.errMsg ?? '';
  return /cancel|abort/i.test(msg);
}

/** A permission the user refused (location, album, camera). */
export function isDenied(e: unknown): boolean {
  const msg = (e as { errMsg?: string } | undefined)?.errMsg ?? '';
  return /auth|deny|denied|permission/i.test(msg);
}

async function compress(src: string): Promise<string> {
  try {
    return (await Taro.compressImage({ src, quality: 60 })).tempFilePath;
  } catch {
    return src; // an uncompressed photo is still better than none
  }
}

/**
 * Lets the user pick up to `max` photos and returns their local paths, compressed on weapp.
 * Throws the picker's error (check `isCancel`).
 */
export async function choosePhotos(max: number): Promise<string[]> {
  if (max <= 0) return [];
  const res = await Taro.chooseImage({
    count: Math.min(max, 9),
    sizeType: ['compressed'],
    // h5: a single source opens the file input at once (no action sheet to get in the way).
    sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
  });
  const paths = (res.tempFilePaths ?? []).slice(0, max);
  return process.env.TARO_ENV === 'weapp' ? Promise.all(paths.map(compress)) : paths;
}

/** Full-screen preview of stored images. */
export function previewImages(urls: string[], current: string): void {
  Taro.previewImage({ urls, current }).catch(() => undefined);
}
