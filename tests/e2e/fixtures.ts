// Stage-setting for the browser tests of issue 12: cases filed and moved on through the gateway directly (the UI
// path of each step is tested in closed-loop.e2e.test.ts), photos uploaded as the person who takes them.
import fs from 'node:fs';
import privacyNotice from '../../config/town/privacy.json';
import { callCloud, samplePhoto } from './harness';

/** Today plus `n` days in Beijing time, as YYYY-MM-DD. */
export const inDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

export function submission(overrides: Record<string, unknown> = {}) {
  return {
    action: 'submit',
    requestId: `e2e-${Math.random().toString(36).slice(2, 12)}`,
    description: '工地围挡倒塌，脚手架没有防护网',
    photos: [],
    location: { latitude: 31.3361, longitude: 121.4432, address: '共康七村南门外工地' },
    areaId: 'gk7',
    anonymous: false,
    contact: { name: '王阿姨', phone: '13800000000' },
    suspectedMajor: false,
    categoryId: 'construction-site',
    privacyVersion: privacyNotice.version, // the 《个人信息保护说明》 in force
    ...overrides,
  };
}

/**
 * Uploads the sample photo as `openid` into the folder of one submission (`scope`: `report:<requestId>`,
 * `rectify:<tipoffId>`…, the folder user.uploadKey gives), as the app does; returns its fileID.
 */
export async function uploadPhoto(url: string, openid: string, scope: string): Promise<string> {
  const { uploadKey } = (await callCloud(url, 'user', openid, { action: 'uploadKey', scope })) as { uploadKey: string };
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(samplePhoto())], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${url}/storage/upload?key=${uploadKey}`, {
    method: 'POST',
    headers: { 'x-wx-openid': openid },
    body: form,
  });
  const json = (await res.json()) as { ok: boolean; data?: { fileID: string }; error?: unknown };
  if (!json.ok || !json.data) throw new Error(`upload failed: ${JSON.stringify(json.error)}`);
  return json.data.fileID;
}

/**
 * A 城建 report by `reporter` with a photo, taken by staff-CJ through 受理 → 核查 → 整改 → 整改完成 (with an
 * after-photo) and signed off by head-CJ: the closed report a resident sees with 整改前后对比.
 */
export async function closedReportWithPhotos(url: string, reporter = 'resident-demo') {
  const report = submission();
  const before = await uploadPhoto(url, reporter, `report:${report.requestId}`);
  const filed = await callCloud(url, 'tipoff', reporter, { ...report, photos: [before] });
  const act = (openid: string, step: Record<string, unknown>) =>
    callCloud(url, 'queue', openid, { action: 'act', id: filed.id, ...step });
  await act('staff-CJ', { step: 'accept' });
  await act('staff-CJ', { step: 'verify', founded: true, note: '现场核实情况属实', major: false });
  await act('staff-CJ', {
    step: 'order',
    deadline: inDays(10),
    measures: '恢复围挡并挂设安全网',
    responsibleUnit: '共康七村工地项目部',
  });
  const after = await uploadPhoto(url, 'staff-CJ', `rectify:${filed.id}`);
  await act('staff-CJ', { step: 'rectified', evidence: [after], note: '围挡已恢复，安全网已挂设' });
  await act('head-CJ', { step: 'signoff', approved: true, note: '现场复核，整改到位' });
  return filed as { id: string; no: string };
}
