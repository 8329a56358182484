import type { FunctionDef } from './action';
import { queueFunction } from './actions/queue';
import { tipoffFunction } from './actions/tipoff';
import { userFunction } from './actions/user';

/** Every cloud function by name: the local gateway serves these, each deployable folder bundles one. */
export const FUNCTIONS: Record<string, FunctionDef> = {
  user: userFunction,
  tipoff: tipoffFunction,
  queue: queueFunction,
};
