import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { LoginResult, Role } from '../../types';
import { useSession } from '../hooks/useSession';
import { goHome, goTo } from '../services/navigate';
import { Shell } from './Shell';
import { Button } from './ui/Button';
import { ErrorState, Loading } from './ui/States';
import './RoleGate.css';

/** Everyone with department work: staff, heads, 安委办 (admin) and leaders. */
export const STAFF_ROLES: readonly Role[] = ['staff', 'head', 'admin', 'leader'];
/** Those who take steps in a department (leaders only read): the ledger. */
export const DEPARTMENT_ROLES: readonly Role[] = ['staff', 'head', 'admin'];
/** 安委办's own pages (people, invite codes, the enterprise register). */
export const OFFICE_ROLES: readonly Role[] = ['admin', 'leader'];

/**
 * Whom a page group is for, in the 无权访问 wording: `staff` (the staff/ pages), `office` (office/), `managers`
 * (the enterprise desk and register) and `workers` (the enterprise pages its workers use too).
 */
export type Who = 'staff' | 'office' | 'managers' | 'workers';

export const DENIED_WORDS: Record<Who, { text: string; hint: string }> = {
  staff: {
    text: '此页面仅供部门工作人员使用',
    hint: '如果您是部门工作人员，请在“我的”中填写部门给您的邀请码后再打开。',
  },
  office: {
    text: '此页面仅供镇安委办使用',
    hint: '如果您是镇安委办工作人员，请在“我的”中填写邀请码后再打开。',
  },
  managers: {
    text: '此页面仅供企业安全管理人员使用',
    hint: '如果您是企业安全管理人员，请在“我的”中填写镇安委办给您的邀请码后再打开。',
  },
  workers: {
    text: '此页面仅供企业的从业人员和安全管理人员使用',
    hint: '如果您是企业员工，请在“我的”中填写企业给您的邀请码（或扫企业的二维码）后再打开。',
  },
};

/** The group a page is for, from the roles it admits (when the page does not say). */
export function whoFor(roles: readonly Role[]): Who {
  if (roles.includes('worker')) return 'workers';
  if (roles.includes('safetyManager')) return 'managers';
  if (roles.every((r) => OFFICE_ROLES.includes(r))) return 'office';
  return 'staff';
}

/** The clean 无权访问 state: plain words, a way home, and where to enter an invite code. */
export function Denied({ who = 'staff', text }: { who?: Who; text?: string }) {
  const words = DENIED_WORDS[who];
  return (
    <Shell className="denied">
      <View className="denied__box" role="alert">
        <Text className="denied__title">无权访问</Text>
        <Text className="denied__text">{text ?? words.text}</Text>
        <Text className="denied__hint">{words.hint}</Text>
        <Button kind="primary" className="denied__home" onClick={() => void goHome()}>
          返回首页
        </Button>
        <Button className="denied__mine" onClick={() => void goTo('/pages/mine/index')}>
          去“我的”填写邀请码
        </Button>
      </View>
    </Shell>
  );
}

/**
 * Usage: wrap a role-only page's component (outside its Shell), e.g.
 * `export default function Page() { return <RoleGate roles={STAFF_ROLES}><PageBody /></RoleGate>; }`
 * — the body (and its data loading) mounts only for a signed-in user holding one of `roles`; everyone else sees
 * 无权访问 with 返回首页, worded for `who` the page is for (from `roles` when not given; `text` overrides the
 * sentence), and sign-in shows loading or a retryable error. `children` may be a function of the session
 * (enterprise id, roles) for pages that need it.
 */
export function RoleGate({
  roles,
  who,
  text,
  children,
}: {
  roles: readonly Role[];
  who?: Who;
  text?: string;
  children: ReactNode | ((session: LoginResult) => ReactNode);
}) {
  const session = useSession();
  if (session.data?.roles.some((r) => roles.includes(r))) {
    return <>{typeof children === 'function' ? children(session.data) : children}</>;
  }
  if (session.data) return <Denied who={who ?? whoFor(roles)} text={text} />;
  return (
    <Shell className="denied">
      {session.error ? <ErrorState message={session.error.message} onRetry={session.reload} /> : <Loading />}
    </Shell>
  );
}
