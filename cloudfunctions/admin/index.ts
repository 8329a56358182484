import { adminFunction } from '../core/actions/admin';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(adminFunction);
