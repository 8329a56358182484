import type { TipoffDetail } from '../../types';

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
    ...overrides,
  };
}
