// Personal information (个人信息保护法, issue 8): the privacy notice as versioned data, consent before the
// first report, a person's own data, deletion, and how long sealed identities are kept.
import { z } from 'zod';

/** config/town/privacy.json: what the notice says, in plain words, and the retention the scheduler applies. */
export const PrivacyNotice = z
  .object({
    /** Raised whenever the wording changes in substance: everyone is asked to agree again. */
    version: z.number().int().min(1),
    updatedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    title: z.string().min(2).max(40),
    /** One short paragraph shown above 同意并继续 on the report page. */
    summary: z.string().min(10).max(300),
    sections: z
      .array(z.object({ heading: z.string().min(2).max(30), body: z.string().min(10).max(1500) }).strict())
      .min(4),
    retention: z
      .object({
        /** Sealed identities of reports closed without a reward are erased after this many years. */
        identityYearsWithoutReward: z.number().int().min(1).max(30),
      })
      .strict(),
  })
  .strict();
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

/** `user.privacy`: the notice, and which version the caller agreed to (null: never). */
export interface PrivacyState {
  notice: PrivacyNotice;
  consentedVersion: number | null;
  consentedAt: string | null;
}

/** `user.consent {version}`: the caller agrees to this version of the notice (it must be the current one). */
export const ConsentInput = z.object({ version: z.number().int().min(1).max(10_000) }).strict();
export type ConsentInput = z.input<typeof ConsentInput>;

/** `user.myData`: what the town holds about the caller, in words a resident understands. */
export interface MyData {
  account: {
    displayName?: string;
    roles: string[];
    /** Role names in Chinese (居民, 部门工作人员…). */
    roleNames: string[];
    departmentName?: string;
    enterpriseName?: string;
    createdAt?: string;
  };
  consent: { version: number | null; at: string | null };
  reports: {
    no: string;
    createdAt: string;
    anonymous: boolean;
    /** A name and phone sealed with this report (shown back to its owner only). */
    contact?: { name: string; phone: string };
    statusLabel: string;
  }[];
  messages: number;
  rewards: { tipoffNo: string; statusLabel: string; amountFen: number | null }[];
  /** Drill check-ins under the caller's name (issue 10; absent from an older server). */
  drillCheckins?: number;
  /** What deletion would keep, and why (the law's reasons), one sentence each. */
  keptOnDeletion: string[];
}

/** `user.deleteMe {confirm}`: the caller's account, messages and named contacts go; the answer says what stays. */
export const DeleteMeInput = z
  .object({ confirm: z.literal('删除', { errorMap: () => ({ message: '请输入“删除”以确认' }) }) })
  .strict();
export type DeleteMeInput = z.input<typeof DeleteMeInput>;

export interface DeleteMeResult {
  reportsMadeAnonymous: number;
  messagesDeleted: number;
  /**
   * Reward claims made with a 查询码 on cases not yet decided, withdrawn with the name and phone (the 查询码 may
   * claim again). Absent from an older server.
   */
  claimsWithdrawn?: number;
  /** What stayed and why (reward payment records kept by law, …). */
  kept: string[];
}
