import Taro from '@tarojs/taro';
import { isCancel, isDenied } from '../../services/media';

export interface PickedPoint {
  latitude: number;
  longitude: number;
  /** The map picker's address; GPS gives none. */
  address?: string;
}

function refused(e: unknown) {
  Taro.showToast({
    title: isDenied(e) ? '未获得位置权限，可直接填写地址' : '定位失败，可直接填写地址',
    icon: 'none',
  });
}

/** The map picker (weapp). Null when the user cancels or refuses; the typed address still works. */
export async function pickOnMap(near?: { latitude: number; longitude: number }): Promise<PickedPoint | null> {
  try {
    const res = await Taro.chooseLocation(near ? { latitude: near.latitude, longitude: near.longitude } : {});
    return { latitude: res.latitude, longitude: res.longitude, address: res.address || res.name || undefined };
  } catch (e) {
    if (!isCancel(e)) refused(e);
    return null;
  }
}

/** The phone's position in GCJ-02, as the map and the server expect. Null on refusal. */
export async function currentPoint(): Promise<PickedPoint | null> {
  try {
    const res = await Taro.getLocation({ type: 'gcj02' });
    return { latitude: res.latitude, longitude: res.longitude };
  } catch (e) {
    refused(e);
    return null;
  }
}
