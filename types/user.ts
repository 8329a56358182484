import { z } from 'zod';

export const ROLES = ['resident', 'worker', 'safetyManager', 'staff', 'head', 'admin', 'leader'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginInput = z.object({}).strict();

export interface LoginResult {
  openid: string;
  roles: Role[];
  /** The caller's upload folder key (`tipoff/<uploadKey>/…` in cloud storage): pseudonymous, no openid in paths. */
  uploadKey: string;
  displayName?: string;
  enterpriseId?: string;
  departmentId?: string;
  departmentCode?: string;
  departmentName?: string;
}
