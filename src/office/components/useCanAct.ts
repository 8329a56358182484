import { useSession } from '../../hooks/useSession';

/** 安委办 经办人 (admin) take steps; a leader without it only reads (the server refuses them anyway). */
export function useCanAct(): boolean {
  return !!useSession().data?.roles.includes('admin');
}
