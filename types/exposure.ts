// 曝光台 (seed §24 集中挂牌、公布、曝光; issue 11): reports whose escalation reached 曝光, and major hazards 安委办 puts
// under 挂牌督办, published to everyone signed in until 安委办 decides to take them off. What is published is the
// hazard, never a person: no reporter, contact, address, coordinates, photos or staff names.
import { z } from 'zod';
import { Paging } from './common';
import { CleanText } from './text';

/** `overdue`: a report that reached 曝光 on the SLA ladder; `supervised`: a major hazard under 挂牌督办. */
export const ExposureKind = z.enum(['overdue', 'supervised']);
export type ExposureKind = z.infer<typeof ExposureKind>;
export const EXPOSURE_KIND_LABELS: Record<ExposureKind, string> = {
  overdue: '超期曝光',
  supervised: '挂牌督办',
};

/** The shortest reason for taking an item off the board. */
export const EXPOSURE_WITHDRAW_REASON_MIN = 5;

/** One item as the public board shows it. */
export interface ExposureItem {
  id: string;
  kind: ExposureKind;
  kindLabel: string;
  /** The case number: MX-… for a report, ZD-… for a ledger entry. */
  no: string;
  /** The enterprise, when known (a ledger entry at a registered or named unit); a report has none. */
  enterpriseName?: string;
  /** The hazard's category (消防安全 …). */
  categoryName: string;
  /** A ledger entry's name of the hazard (cleaned); a report has none. */
  title?: string;
  /** The hazard in words, cleaned of phone, ID and house numbers and names (Open311's cleaner). */
  description: string;
  /** The 居民区/村 only (never an address), when known. */
  areaName?: string;
  /** The department in charge (a name, never a code). */
  departmentName: string;
  /** The deadline (YYYY-MM-DD), when one is set. */
  deadline: string | null;
  /** Where it stands in words: 整改中, 已销号 …; closing does not take an item off the board. */
  statusLabel: string;
  /** True once the case is closed / the hazard signed off (已销号 / 已整改). */
  resolved: boolean;
  /** 挂牌督办: what 安委办 requires, as written for the public. */
  note?: string;
  /** When it went on the board (ISO +08:00). */
  publishedAt: string;
}

export interface ExposureBoard {
  items: ExposureItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** A step in an item's life on the board, for 安委办 and leaders: who by display name (系统 for the sweep). */
export interface ExposureHistoryEntry {
  at: string;
  what: 'published' | 'withdrawn';
  by: string;
  /** The 督办 note or the reason for taking it off. */
  text?: string;
}

/** 安委办's view: every item, withdrawn ones too, with who decided. */
export interface ExposureManageItem extends ExposureItem {
  withdrawn: boolean;
  withdrawnAt?: string;
  withdrawnBy?: string;
  withdrawReason?: string;
  history: ExposureHistoryEntry[];
}

/** An open major hazard that is not on the board: a candidate for 挂牌督办. */
export interface ExposureCandidate {
  ledgerId: string;
  no: string;
  title: string;
  enterpriseName?: string;
  categoryName: string;
  departmentName: string;
  deadline: string | null;
  statusLabel: string;
  createdAt: string;
}

export interface ExposureManage {
  items: ExposureManageItem[];
  total: number;
  page: number;
  pageSize: number;
  /** Open major hazards not on the board (newest first, at most EXPOSURE_CANDIDATES_MAX). */
  candidates: ExposureCandidate[];
}
export const EXPOSURE_CANDIDATES_MAX = 100;

export const ExposureBoardInput = Paging.strict();
export type ExposureBoardInput = z.input<typeof ExposureBoardInput>;

export const ExposureManageInput = Paging.extend({
  /** Only what is on the board now, or only what was taken off; both when absent. */
  state: z.enum(['listed', 'withdrawn']).optional(),
}).strict();
export type ExposureManageInput = z.input<typeof ExposureManageInput>;

export const ExposureSuperviseInput = z
  .object({
    ledgerId: z.string().min(1, '请选择重大隐患').max(64),
    note: CleanText(
      2,
      200,
      { min: '请填写督办要求（至少 2 个字）', max: '督办要求不超过 200 字' },
      {
        singleLine: false,
      },
    ),
  })
  .strict();
export type ExposureSuperviseInput = z.input<typeof ExposureSuperviseInput>;

export const ExposureWithdrawInput = z
  .object({
    id: z.string().min(1).max(80),
    reason: CleanText(
      EXPOSURE_WITHDRAW_REASON_MIN,
      200,
      { min: `请填写撤下原因（至少 ${EXPOSURE_WITHDRAW_REASON_MIN} 个字）`, max: '撤下原因不超过 200 字' },
      { singleLine: false },
    ),
  })
  .strict();
export type ExposureWithdrawInput = z.input<typeof ExposureWithdrawInput>;
