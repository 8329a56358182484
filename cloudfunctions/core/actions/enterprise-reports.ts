import type { ActionDef } from '../action';

/** 内部隐患报告: a worker's report to their own enterprise first (seed §23). */
export const internalReportActions: Record<string, ActionDef> = {};
