import { z } from 'zod';

export const ROLES = ['resident', 'worker', 'safetyManager', 'staff', 'head', 'admin', 'leader'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginInput = z.object({}).strict();

/**
 * The folder of one submission's photos (`tipoff/<uploadKey>/…` in cloud storage, `key` of a local upload):
 * `report:<requestId>` for a report form, `rectify:<tipoffId>`, `ledger:<entryId>` or `fix:<reportId>` for
 * evidence (cloudfunctions/core/files.ts uploadScope).
 */
/**
 * What one upload folder belongs to: one submission of one person. A report's photos go to the folder of its
 * requestId (kept by the form and its draft); evidence goes to the folder of the case it closes. Two
 * submissions of one person never share a folder, so a photo URL links a report to nothing else.
 */
export const uploadScope = {
  /** A tip-off or an internal report, by the requestId of its form (types/tipoff.ts, types/enterprise.ts). */
  report: (requestId: string) => `report:${requestId}`,
  /** Rectification evidence on a tip-off (queue.act `rectified`). */
  rectify: (tipoffId: string) => `rectify:${tipoffId}`,
  /** Evidence on a ledger entry (admin.ledgerProgress). */
  ledger: (entryId: string) => `ledger:${entryId}`,
  /** The manager's evidence on an internal report (enterprise.act `fixed`). */
  fix: (reportId: string) => `fix:${reportId}`,
  /** Photos of a drill's record (drill.close), by the drill. */
  drill: (drillId: string) => `drill:${drillId}`,
  /** Photos of one self-inspection (enterprise.selfInspect), by the requestId of its form. */
  inspect: (requestId: string) => `inspect:${requestId}`,
};

export const UploadKeyInput = z
  .object({
    scope: z.string().regex(/^(?:report|rectify|ledger|fix|drill|inspect):[A-Za-z0-9_-]{1,64}$/, '上传位置无效'),
  })
  .strict();
export type UploadKeyInput = z.infer<typeof UploadKeyInput>;
/** Pseudonymous and per submission: links to no openid and to none of the caller's other submissions. */
export interface UploadKeyResult {
  uploadKey: string;
}

export interface LoginResult {
  openid: string;
  roles: Role[];
  displayName?: string;
  enterpriseId?: string;
  departmentId?: string;
  departmentCode?: string;
  departmentName?: string;
  /** The version of the privacy notice in force, and the one this person agreed to (null: never) — issue 8. */
  privacyVersion: number;
  privacyConsent: number | null;
}
