import { enterpriseFunction } from '../core/actions/enterprise';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(enterpriseFunction);
