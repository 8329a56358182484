// weapp: the real cloud. Identity comes from WeChat itself (getWXContext on the server).
import Taro from '@tarojs/taro';
import type { LoginResult } from '../../types';
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

let folder: Promise<string> | undefined;
/** `tipoff/<uploadKey>/`: the server accepts a photo only from the caller's own folder (core/files.ts). */
function uploadFolder(): Promise<string> {
  folder ??= invoke<LoginResult>('user', { action: 'login' }).then(
    ({ uploadKey }) => {
      if (!uploadKey) throw new CloudError('INTERNAL', '上传失败，请重试');
      return `tipoff/${uploadKey}/`;
    },
    (e: unknown) => {
      folder = undefined; // retried on the next upload
      throw e;
    },
  );
  return folder;
}

const EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp'];

export async function uploadImage(filePath: string): Promise<Uploaded> {
  ensureCloud();
  const dir = await uploadFolder();
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
