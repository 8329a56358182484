import { userFunction } from '../core/actions/user';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(userFunction);
