import { trainingioFunction } from '../core/actions/trainingio';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(trainingioFunction);
