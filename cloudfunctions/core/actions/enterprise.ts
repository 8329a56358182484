import { defineFunction } from '../action';
import { internalReportActions } from './enterprise-reports';

/** 企业 (DESIGN.md §4 `enterprise`): the register, the manager's desk, and internal reports. */
export const enterpriseFunction = defineFunction('enterprise', {
  ...internalReportActions,
});
