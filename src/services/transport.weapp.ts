// weapp: the real cloud. Identity comes from WeChat itself (getWXContext on the server).
import Taro from '@tarojs/taro';
import { networkError, unwrap } from './cloud-error';

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

export async function uploadImage(filePath: string): Promise<string> {
  ensureCloud();
  const ext = filePath.slice(filePath.lastIndexOf('.')) || '.jpg';
  const cloudPath = `tipoffs/${Date.now()}-${Math.random().toString(36).slice(2, 10)}${ext}`;
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath });
    return res.fileID;
  } catch {
    throw networkError();
  }
}

/** On weapp a cloud:// fileID is shown by <Image> directly. */
export function fileUrl(fileID: string): string {
  return fileID;
}
