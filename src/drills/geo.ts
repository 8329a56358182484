// WGS-84 ↔ GCJ-02 (the coordinates of Chinese maps and of WeChat's getLocation type 'gcj02'). Pure, no Taro: a
// browser gives WGS-84 (navigator.geolocation), the drill's assembly point is GCJ-02 (picked on WeChat's map), so
// the h5 check-in converts before sending. Outside mainland China both systems agree and nothing changes.
// The well-known public formula (Krasovsky ellipsoid); the inverse is iterated to well under a metre.

const A = 6378245.0;
const EE = 0.006693421622965943;

function outsideChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function dLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function dLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

export interface Point {
  latitude: number;
  longitude: number;
}

/** A GPS (WGS-84) point as GCJ-02. */
export function wgs84ToGcj02({ latitude, longitude }: Point): Point {
  if (outsideChina(latitude, longitude)) return { latitude, longitude };
  const radLat = (latitude / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const lat = (dLat(longitude - 105, latitude - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const lng = (dLng(longitude - 105, latitude - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { latitude: latitude + lat, longitude: longitude + lng };
}

/** The WGS-84 point whose GCJ-02 is `p` (browser tests: where to put the browser so it stands on a drill's point). */
export function gcj02ToWgs84(p: Point): Point {
  let guess = { ...p };
  for (let i = 0; i < 10; i++) {
    const back = wgs84ToGcj02(guess);
    guess = {
      latitude: guess.latitude + (p.latitude - back.latitude),
      longitude: guess.longitude + (p.longitude - back.longitude),
    };
  }
  return guess;
}
