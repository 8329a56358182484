// Local mode only (h5 on the local gateway): which demo identity the browser speaks as.
// On weapp the identity is the WeChat user and none of this is used.
import Taro from '@tarojs/taro';

const KEY = 'mx.local.openid';
export const DEFAULT_OPENID = 'resident-demo';

export function currentOpenid(): string {
  try {
    return (Taro.getStorageSync(KEY) as string) || DEFAULT_OPENID;
  } catch {
    return DEFAULT_OPENID;
  }
}

export function setCurrentOpenid(openid: string): void {
  Taro.setStorageSync(KEY, openid);
}

export interface LocalIdentity {
  openid: string;
  label: string;
  roles: string[];
  departmentId?: string;
}

export async function listLocalIdentities(): Promise<LocalIdentity[]> {
  const res = await Taro.request({ url: `${process.env.TARO_APP_GATEWAY ?? ''}/local/identities`, method: 'GET' });
  const body = res.data as { ok: boolean; data?: LocalIdentity[] };
  return body.ok && body.data ? body.data : [];
}
