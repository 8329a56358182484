import type { FunctionDef } from './action';
import { adminFunction } from './actions/admin';
import { drillFunction } from './actions/drill';
import { drillioFunction } from './actions/drillio';
import { enterpriseFunction } from './actions/enterprise';
import { exposureFunction } from './actions/exposure';
import { peopleFunction } from './actions/people';
import { queueFunction } from './actions/queue';
import { rewardFunction } from './actions/reward';
import { runHourlyJobs, schedulerFunction } from './actions/scheduler';
import { tipoffFunction } from './actions/tipoff';
import { trainingFunction } from './actions/training';
import { trainingioFunction } from './actions/trainingio';
import { userFunction } from './actions/user';
import type { CoreDeps } from './deps';
import { OPEN311_BASE_PATH } from './open311';

/** Every cloud function by name: the local gateway serves these, each deployable folder bundles one. */
export const FUNCTIONS: Record<string, FunctionDef> = {
  user: userFunction,
  tipoff: tipoffFunction,
  queue: queueFunction,
  admin: adminFunction,
  scheduler: schedulerFunction,
  people: peopleFunction,
  enterprise: enterpriseFunction,
  reward: rewardFunction,
  training: trainingFunction,
  trainingio: trainingioFunction,
  drill: drillFunction,
  drillio: drillioFunction,
  exposure: exposureFunction,
};

/** Timer triggers by function name (see cloudfunctions/<name>/config.json). */
export const TIMERS: Record<string, (deps: CoreDeps) => Promise<unknown>> = {
  scheduler: runHourlyJobs,
};

/**
 * Functions reached over CloudBase HTTP access (云函数 HTTP 访问服务) rather than callFunction: no action table,
 * no caller identity, so no rows in access.ts. Name → the access path to create (`tcb service create -p <path>
 * -f <name>`, or the console); the local gateway serves the same paths.
 */
export const HTTP_FUNCTIONS: Record<string, { path: string }> = {
  open311: { path: OPEN311_BASE_PATH },
};
