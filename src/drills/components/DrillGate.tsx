import type { ReactNode } from 'react';
import type { LoginResult, Role } from '../../../types';
import { RoleGate } from '../../components/RoleGate';
import { Shell } from '../../components/Shell';
import '../../components/Form.css';
import '../drills.css';

/** The drills pages' guard: RoleGate (无权访问 in plain words), then the page in its Shell with the session. */
export function DrillGate({
  roles,
  className = '',
  text,
  children,
}: {
  roles: readonly Role[];
  className?: string;
  text?: string;
  children: (session: LoginResult) => ReactNode;
}) {
  return (
    <RoleGate roles={roles} who={roles.includes('resident') ? undefined : 'managers'} text={text}>
      {(session) => <Shell className={`drills ${className}`}>{children(session)}</Shell>}
    </RoleGate>
  );
}
