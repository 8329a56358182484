import { queueFunction } from '../core/actions/queue';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(queueFunction);
