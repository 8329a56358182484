// Answers waiting to reach the server, kept in Taro storage so a dropped connection (or a closed app) loses
// nothing: one entry per question number of one attempt, the newest answer only. Cleared once the server has it.
import Taro from '@tarojs/taro';

const key = (attemptId: string) => `training.unsaved.${attemptId}`;

export type Pending = Record<string, string[]>;

export function readPending(attemptId: string): Pending {
  const raw: unknown = Taro.getStorageSync(key(attemptId));
  return raw && typeof raw === 'object' ? { ...(raw as Pending) } : {};
}

function write(attemptId: string, pending: Pending) {
  if (Object.keys(pending).length === 0) Taro.removeStorageSync(key(attemptId));
  else Taro.setStorageSync(key(attemptId), pending);
}

export function putPending(attemptId: string, n: number, answer: string[]) {
  write(attemptId, { ...readPending(attemptId), [String(n)]: answer });
}

/** Drops question n once the server has saved exactly this answer (a newer one stays queued). */
export function clearPending(attemptId: string, n: number, answer: string[]) {
  const pending = readPending(attemptId);
  const now = pending[String(n)];
  if (now && now.join(',') === answer.join(',')) {
    delete pending[String(n)];
    write(attemptId, pending);
  }
}

export function dropAll(attemptId: string) {
  Taro.removeStorageSync(key(attemptId));
}
