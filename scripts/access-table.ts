// Prints the role × action table of cloudfunctions/core/access.ts as Markdown: `npm run access-table`.
// Rows follow the functions as served (FUNCTIONS), so an action without a row shows as "no row: refused".
import { ROLES } from '../types';
import { accessRule } from '../cloudfunctions/core/access';
import { FUNCTIONS } from '../cloudfunctions/core/functions';

export function accessMarkdown(): string {
  const lines = [`| action | ${ROLES.join(' | ')} | scope |`, `| --- | ${ROLES.map(() => ':-:').join(' | ')} | --- |`];
  for (const [fn, table] of Object.entries(FUNCTIONS)) {
    for (const action of Object.keys(table)) {
      const rule = accessRule(fn, action);
      const cells = ROLES.map((r) => (rule?.roles.includes(r) ? '✓' : '✗'));
      lines.push(
        `| \`${fn}.${action}\` | ${cells.join(' | ')} | ${rule ? (rule.scope ?? '') : 'no row: refused to all'} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) process.stdout.write(accessMarkdown());
