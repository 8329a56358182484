import { peopleFunction } from '../core/actions/people';
import { cloudMain } from '../platform/wx';

export const main = cloudMain(peopleFunction);
