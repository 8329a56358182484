import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import type { Role } from '../../types';
import { useSession } from '../hooks/useSession';
import { goHome } from '../services/navigate';
import { Shell } from './Shell';
import { Button } from './ui/Button';
import { ErrorState, Loading } from './ui/States';
import './RoleGate.css';

/** Everyone with department work: staff, heads, 安委办 (admin) and leaders. */
export const STAFF_ROLES: readonly Role[] = ['staff', 'head', 'admin', 'leader'];
/** Those who take steps in a department (leaders only read): the ledger. */
export const DEPARTMENT_ROLES: readonly Role[] = ['staff', 'head', 'admin'];

/** The clean 无权访问 state: plain words and a way home, instead of errors or an empty list. */
export function Denied({ text = '此页面仅供部门工作人员使用' }: { text?: string }) {
  return (
    <Shell className="denied">
      <View className="denied__box" role="alert">
        <Text className="denied__title">无权访问</Text>
        <Text className="denied__text">{text}</Text>
        <Text className="denied__hint">如果您是工作人员，请在“我的”中填写邀请码后再打开。</Text>
        <Button kind="primary" className="denied__home" onClick={() => void goHome()}>
          返回首页
        </Button>
      </View>
    </Shell>
  );
}

/**
 * Usage: wrap a role-only page's component (outside its Shell), e.g.
 * `export default function Page() { return <RoleGate roles={STAFF_ROLES}><PageBody /></RoleGate>; }`
 * — the body (and its data loading) mounts only for a signed-in user holding one of `roles`; everyone else sees
 * 无权访问 (`text` says who the page is for) with 返回首页, and sign-in shows loading or a retryable error.
 */
export function RoleGate({ roles, text, children }: PropsWithChildren<{ roles: readonly Role[]; text?: string }>) {
  const session = useSession();
  if (session.data?.roles.some((r) => roles.includes(r))) return <>{children}</>;
  if (session.data) return <Denied text={text} />;
  return (
    <Shell className="denied">
      {session.error ? <ErrorState message={session.error.message} onRetry={session.reload} /> : <Loading />}
    </Shell>
  );
}
