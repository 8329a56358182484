import type { ReactNode } from 'react';
import type { LoginResult, Role } from '../../../types';
import { RoleGate } from '../../components/RoleGate';
import { Shell } from '../../components/Shell';
import '../enterprise.css';

/**
 * The enterprise pages' guard: the app-wide RoleGate (无权访问 worded for managers, or for workers when they may
 * open the page too, with a way home), then the page in its Shell, given the session (enterprise id, roles). What
 * is specific to a page stays on it: the desk sends a manager without an enterprise to 登记企业.
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
    <RoleGate roles={roles} who={roles.includes('worker') ? 'workers' : 'managers'}>
      {(session) => <Shell className={`ent ${className}`}>{children(session)}</Shell>}
    </RoleGate>
  );
}
