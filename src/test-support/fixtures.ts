import type { NearbyTipoff, QueueItem, SubmitTipoffResult, TipoffDetail } from '../../types';

/** A closed, anonymous report as the reporter sees it; tests override what they are about. */
export function tipoffDetail(overrides: Partial<TipoffDetail> = {}): TipoffDetail {
  return {
    view: 'reporter',
    id: 't1',
    no: 'MX-2026-000007',
    status: 'closed',
    categoryId: 'fire-passage',
    categoryName: '堵占消防通道',
    areaName: '共康二村',
    description: '消防通道被私家车长期堵占',
    departmentName: '消防救援',
    createdAt: '2026-11-20T09:00:00+08:00',
    anonymous: true,
    trackingCode: 'ABCD234567',
    timeline: [{ at: '2026-11-28T15:30:00+08:00', from: 'rectified', to: 'closed', note: '已销号' }],
    photoUrls: [],
    address: '共康二村 12 号楼北侧',
    suspectedMajor: false,
    followers: 0,
    canRate: true,
    canUrge: false,
    progress: { text: '已办结', overdue: false },
    ...overrides,
  };
}

/** A report in a department's queue (assigned, no deadline, nothing flagged); tests override what they are about. */
export function queueItem(overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    id: 'x',
    no: 'MX-2026-000001',
    status: 'assigned',
    categoryId: 'fire-passage',
    categoryName: '堵占消防通道',
    areaName: '共康二村',
    description: '消防通道被堵',
    address: '共康二村 12 号楼',
    suspectedMajor: false,
    major: false,
    reporter: '匿名',
    createdAt: '2026-11-20T09:00:00+08:00',
    dueAt: null,
    overdue: false,
    escalationLevel: 0,
    followers: 0,
    moderation: 'checked',
    photoFlagged: false,
    routing: { ruleId: 'R05', reason: '规则 R05：堵占消防通道 → 消防救援' },
    departmentName: '消防救援',
    coDepartmentNames: [],
    channel: 'app',
    ...overrides,
  };
}

/** What the server answers to a filed report. */
export const SUBMIT_RESULT: SubmitTipoffResult = {
  id: 't1',
  no: 'MX-2026-000007',
  status: 'assigned',
  departmentId: 'XF',
  departmentName: '消防救援',
  trackingCode: 'ABCD234567',
};

/** An open report near the one being written. */
export function nearbyTipoff(overrides: Partial<NearbyTipoff> = {}): NearbyTipoff {
  return {
    id: 'earlier',
    status: 'accepted',
    categoryName: '堵占消防通道',
    description: '12 号楼消防通道常年停车',
    areaName: '共康二村',
    distanceMeters: 50,
    followers: 2,
    createdAt: '2026-11-20T09:00:00+08:00',
    mine: false,
    ...overrides,
  };
}
