import { exposureFunction } from '../core/actions/exposure';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(exposureFunction);
