import { drillioFunction } from '../core/actions/drillio';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(drillioFunction);
