import { rewardFunction } from '../core/actions/reward';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(rewardFunction);
