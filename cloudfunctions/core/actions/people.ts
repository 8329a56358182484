import { defineFunction } from '../action';

/** 人员与邀请码 (DESIGN.md §4 `people`): invite codes and the roles they grant. */
export const peopleFunction = defineFunction('people', {});
