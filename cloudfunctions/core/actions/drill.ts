// `drill` (issue 10, DESIGN.md §7): plan, run (start, all-clear, the rotating QR), check-in, close with the
// record, and 安委办's compliance list. The rules themselves are pure: drills/token.ts, drills/checkin-rules.ts,
// duties.ts. Owner this session: drill10-server (the compliance action: comply10).
import { defineFunction } from '../action';
import { complianceActions } from './drill-compliance';

export const drillFunction = defineFunction('drill', { ...complianceActions });
