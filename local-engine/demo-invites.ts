// Demo invite codes for local mode (issue 7): written by the seed with known text, printed by `npm start`.
import type { InviteRole, InviteState } from '../types';
import { INVITE_ROLE_LABELS, INVITE_STATE_LABELS } from '../types';
import type { CoreDeps } from '../cloudfunctions/core/deps';
import { formatInviteCode, inviteCodeHash, inviteState, INVITES, type InviteDoc } from '../cloudfunctions/core/invites';
import { isoTown } from '../cloudfunctions/core/time';

export interface DemoInvite {
  /** Normalised (8 characters of INVITE_ALPHABET, no dash). */
  code: string;
  role: InviteRole;
  departmentId?: string;
  enterpriseId?: string;
  uses: number;
  issuer: string;
  issuerName: string;
  /** What it grants, in plain words, for the console. */
  what: string;
}

export const DEMO_INVITES: readonly DemoInvite[] = [
  {
    code: 'CJST2AFF',
    role: 'staff',
    departmentId: 'CJ',
    uses: 5,
    issuer: 'admin-demo',
    issuerName: '镇安委办 经办人',
    what: '城建，镇安委办发放，可用 5 次',
  },
  {
    code: 'QYAQMGR3',
    role: 'safetyManager',
    uses: 5,
    issuer: 'admin-demo',
    issuerName: '镇安委办 经办人',
    what: '未指定企业：绑定后登记新企业，可用 5 次',
  },
  {
    code: 'GRYGENT5',
    role: 'worker',
    enterpriseId: 'ENT-DEMO',
    uses: 1,
    issuer: 'manager-demo',
    issuerName: '企业安全管理人员（演示）',
    what: '庙行示范精密制造有限公司，一人一码，绑定即生效',
  },
  {
    code: 'GGPBQR66',
    role: 'worker',
    enterpriseId: 'ENT-DEMO',
    uses: 50,
    issuer: 'manager-demo',
    issuerName: '企业安全管理人员（演示）',
    what: '庙行示范精密制造有限公司，车间公告栏码（可用 50 次），需企业安全管理人员确认',
  },
];

const DEMO_INVITE_DAYS = 90;

/** Writes the demo invites (fixed ids, so a second seed would only overwrite them). */
export async function seedDemoInvites(deps: CoreDeps): Promise<void> {
  const now = deps.now();
  for (const [i, invite] of DEMO_INVITES.entries()) {
    const doc: Omit<InviteDoc, '_id'> = {
      codeHash: inviteCodeHash(invite.code, deps.reporterKeySecret),
      role: invite.role,
      ...(invite.departmentId ? { departmentId: invite.departmentId } : {}),
      ...(invite.enterpriseId ? { enterpriseId: invite.enterpriseId } : {}),
      uses: invite.uses,
      used: 0,
      status: 'open',
      expiresAt: isoTown(new Date(now.getTime() + DEMO_INVITE_DAYS * 86_400_000)),
      note: '演示邀请码',
      codeHint: invite.code.slice(-2),
      createdBy: invite.issuer,
      createdByName: invite.issuerName,
      createdAt: isoTown(now),
    };
    await deps.db
      .collection(INVITES)
      .doc(`invite-demo-${i + 1}`)
      .set({ data: doc });
  }
}

/** Lines for the console: each code, what it grants, and where it stands now. */
export async function demoInviteLines(deps: CoreDeps): Promise<string[]> {
  const lines: string[] = [];
  for (const invite of DEMO_INVITES) {
    const { data } = await deps.db
      .collection<InviteDoc>(INVITES)
      .where({ codeHash: inviteCodeHash(invite.code, deps.reporterKeySecret) })
      .limit(1)
      .get();
    const state: InviteState | 'missing' = data[0] ? inviteState(data[0], deps.now()) : 'missing';
    const note = state === 'active' ? '' : `（${state === 'missing' ? '未找到' : INVITE_STATE_LABELS[state]}）`;
    lines.push(`  ${formatInviteCode(invite.code)}  ${INVITE_ROLE_LABELS[invite.role]}（${invite.what}）${note}`);
  }
  return lines;
}
