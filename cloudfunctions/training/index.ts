import { trainingFunction } from '../core/actions/training';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(trainingFunction);
