import { drillFunction } from '../core/actions/drill';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(drillFunction);
