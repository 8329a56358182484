import { tipoffFunction } from '../core/actions/tipoff';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(tipoffFunction);
