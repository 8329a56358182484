// h5 (and tests): cloud functions through the local gateway's HTTP contract (DESIGN.md §3).
// The weapp build picks transport.weapp.ts instead.
import Taro from '@tarojs/taro';
import type { UploadKeyResult } from '../../types';
import { CloudError, isEnvelope, networkError, unwrap } from './cloud-error';
import { currentOpenid } from './identity';

const GATEWAY = process.env.TARO_APP_GATEWAY ?? '';

export async function invoke<T>(name: string, data: Record<string, unknown>): Promise<T> {
  let res: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject>;
  try {
    res = await Taro.request({
      url: `${GATEWAY}/cloud/${name}`,
      method: 'POST',
      data,
      header: { 'content-type': 'application/json', 'x-wx-openid': currentOpenid() },
      timeout: 15000,
    });
  } catch {
    throw networkError();
  }
  if (!isEnvelope(res.data)) throw new CloudError('INTERNAL', `服务异常（HTTP ${res.statusCode}），请稍后重试`);
  return unwrap<T>(res.data);
}

/** A stored upload: its id (for the report) and a URL only the uploader gets, to preview it. */
export interface Uploaded {
  fileID: string;
  preview: string;
}

const folders = new Map<string, Promise<string>>();
/**
 * The folder key of one submission (`scope`) for the person using the app now: asked once per person and
 * submission (user.uploadKey). The server accepts a photo only from that submission's folder (core/files.ts).
 */
function uploadFolder(scope: string): Promise<string> {
  const cacheKey = `${currentOpenid()}\n${scope}`;
  let folder = folders.get(cacheKey);
  if (!folder) {
    folder = invoke<UploadKeyResult>('user', { action: 'uploadKey', scope }).then(({ uploadKey }) => {
      if (!uploadKey) throw new CloudError('INTERNAL', '上传失败，请重试');
      return uploadKey;
    });
    folders.set(cacheKey, folder);
    folder.catch(() => folders.delete(cacheKey)); // asked again on the next upload
  }
  return folder;
}

/** Uploads one photo of the submission `scope` (see usePhotoUploads) into that submission's folder. */
export async function uploadImage(filePath: string, scope: string): Promise<Uploaded> {
  const key = await uploadFolder(scope);
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: `${GATEWAY}/storage/upload?key=${encodeURIComponent(key)}`,
      filePath,
      name: 'file',
      header: { 'x-wx-openid': currentOpenid() },
    });
  } catch {
    throw networkError();
  }
  let body: unknown;
  try {
    body = JSON.parse(res.data);
  } catch {
    throw new CloudError('INTERNAL', '上传失败，请重试');
  }
  const { fileID, url } = unwrap<{ fileID: string; url?: string }>(body);
  // The signed URL the upload answered with (short-lived): the uploader's own preview, also in a restored draft.
  return { fileID, preview: url ? mediaUrl(url) : filePath };
}

/**
 * A photo URL the server handed out, ready for <Image>: the local gateway signs paths (`/storage/…?exp&sig`),
 * which are resolved against it. The client never makes a photo URL from a fileID.
 */
export function mediaUrl(url: string): string {
  return url.startsWith('/') ? `${GATEWAY}${url}` : url;
}
