import type { ReactNode } from 'react';
import type { LoginResult, Role } from '../../../types';
import { PageState } from '../../components/PageState';
import { RoleGate } from '../../components/RoleGate';
import { Shell } from '../../components/Shell';
import { useSession } from '../../hooks/useSession';
import '../enterprise.css';

function Framed({ className, children }: { className: string; children: (session: LoginResult) => ReactNode }) {
  const session = useSession(); // already signed in (RoleGate checked): answers from the shared session
  return (
    <Shell className={`ent ${className}`}>
      {session.data ? (
        children(session.data)
      ) : (
        <PageState loading={session.loading} error={session.error} onRetry={session.reload} />
      )}
    </Shell>
  );
}

/**
 * The enterprise pages' guard: the app-wide RoleGate (无权访问 with a way home for anyone else), then the page in
 * its Shell, given the session (enterprise id, roles).
 */
export function EnterpriseGate({
  roles,
  className = '',
  children,
}: {
  roles: Role[];
  className?: string;
  children: (session: LoginResult) => ReactNode;
}) {
  return (
    <RoleGate
      roles={roles}
      text={roles.includes('worker') ? '此页面仅供企业的员工和安全管理人员使用' : '此页面仅供企业的安全管理人员使用'}
    >
      <Framed className={className}>{children}</Framed>
    </RoleGate>
  );
}
