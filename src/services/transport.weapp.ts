// weapp: the real cloud. Identity comes from WeChat itself (getWXContext on the server).
import Taro from '@tarojs/taro';
import type { UploadKeyResult } from '../../types';
import { CloudError, networkError, unwrap } from './cloud-error';

let initialised = false;
function ensureCloud() {
  if (initialised) return;
  // TARO_APP_CLOUD_ENV is set at build time (.env.production); without it the default environment is used.
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });
  initialised = true;
}

export async function invoke<T>(name: string, data: Record<string, unknown>): Promise<T> {
  ensureCloud();
  let res: Taro.cloud.CallFunctionResult;
  try {
    res = await Taro.cloud.callFunction({ name, data });
  } catch {
    throw networkError();
  }
  return unwrap<T>(res.result);
}

/** A stored upload: its id (for the report) and a URL only the uploader gets, to preview it. */
export interface Uploaded {
  fileID: string;
  preview: string;
}

const folders = new Map<string, Promise<string>>();
/**
 * `tipoff/<uploadKey>/` of one submission (`scope`, user.uploadKey): the server accepts a photo only from the
 * folder of the submission that names it (core/files.ts), so no two reports of one person share a folder.
 */
function uploadFolder(scope: string): Promise<string> {
  let folder = folders.get(scope);
  if (!folder) {
    folder = invoke<UploadKeyResult>('user', { action: 'uploadKey', scope }).then(({ uploadKey }) => {
      if (!uploadKey) throw new CloudError('INTERNAL', '上传失败，请重试');
      return `tipoff/${uploadKey}/`;
    });
    folders.set(scope, folder);
    folder.catch(() => folders.delete(scope)); // asked again on the next upload
  }
  return folder;
}

const EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp'];

/** Uploads one photo of the submission `scope` (see usePhotoUploads) into that submission's folder. */
export async function uploadImage(filePath: string, scope: string): Promise<Uploaded> {
  ensureCloud();
  const dir = await uploadFolder(scope);
  const ext = filePath.slice(filePath.lastIndexOf('.') + 1).toLowerCase();
  const name = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const cloudPath = `${dir}${name}.${EXTENSIONS.includes(ext) ? ext : 'jpg'}`;
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath });
    // The local temp file previews it: the stored file is readable only by its creator and the functions.
    return { fileID: res.fileID, preview: filePath };
  } catch {
    throw networkError();
  }
}

/** Photo URLs from the functions are temporary https URLs: shown as they are. */
export function mediaUrl(url: string): string {
  return url;
}
