// `drillio` (issue 10): a closed drill's record as an .xlsx. Its own function, like trainingio: exceljs stays
// out of the `drill` bundle that serves 500 check-ins a minute. Owner this session: drill10-server.
import { defineFunction } from '../action';

export const drillioFunction = defineFunction('drillio', {});
