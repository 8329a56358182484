// Test data for the drills pages' tests (never imported by a page).
import type { DrillDetail, DrillParticipants, DrillSummary } from '../../../types/drill';

export const MANAGER = {
  openid: 'x',
  roles: ['resident', 'worker', 'safetyManager'],
  uploadKey: 'u',
  enterpriseId: 'e1',
};
export const ADMIN = { openid: 'y', roles: ['resident', 'staff', 'admin'], uploadKey: 'u' };
export const LEADER = { openid: 'z', roles: ['resident', 'leader'], uploadKey: 'u' };
export const WORKER = { openid: 'w', roles: ['resident', 'worker'], uploadKey: 'u', enterpriseId: 'e1' };

export const SUMMARY: DrillSummary = {
  id: 'd1',
  title: '冬季消防疏散演练',
  type: 'evacuation',
  typeLabel: '疏散逃生演练',
  status: 'planned',
  statusLabel: '待开始',
  organizer: '庙行精密机械有限公司',
  enterpriseId: 'e1',
  location: { latitude: 31.35, longitude: 121.43, address: '厂区东门外空地' },
  radiusM: 100,
  startAt: '2026-12-05T09:30:00+08:00',
  endAt: '2026-12-05T10:30:00+08:00',
  audience: 'workers',
  checkedIn: 0,
  expectedCount: 42,
};

export const DETAIL: DrillDetail = {
  ...SUMMARY,
  commander: '王厂长',
  scenario: '二楼仓库起火',
  may: { manage: true, checkin: false },
};

export const PARTICIPANTS: DrillParticipants = {
  checkedIn: [
    { id: 'p1', name: '张师傅', at: '2026-12-05T09:31:00+08:00', byHand: false, expected: true, distanceM: 12 },
    { id: 'p2', name: '访客老陈', at: '2026-12-05T09:33:00+08:00', byHand: true, expected: false },
  ],
  missing: [
    { id: 'm1', name: '李工' },
    { id: 'm2', name: '赵会计' },
  ],
  expectedCount: 42,
};
