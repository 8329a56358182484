// The identity walk (issue 8): "no action available to department staff, enterprise managers or other residents
// returns a reporter's openid, name or phone, in any field". local-engine/identity-walk-recorder.ts records every
// call the jest and browser suites make (IDENTITY_WALK_DIR); this reads those records, learns the reporters'
// secrets from the requests and looks for them in every answer to somebody else.
//
// The rules:
// - Secrets come from successful requests that carry a reporter's identity: `tipoff.submit` (the caller's openid;
//   contact.name and contact.phone when given), `reward.claim` (the caller's openid, name, phone) and
//   `enterprise.report` (the caller's openid; a name or phone if one is ever added to its input). Each secret
//   belongs to the store (engine data folder) it was given in: another store never holds it.
// - Every string (and object key) of every answer — `data` and `error` — to a caller who is not one of the
//   secret's owners is searched, after the secret was given: openids as tokens (not inside a longer run of
//   letters and digits), phones as numbers (not inside a longer run of digits), names as substrings.
// - Allowed: answers to the owner (a reporter's own data: user.myData, tipoff.mine…) and `reward.identity`, the
//   officer's audited read.
// - A value cannot be told apart from something shown legitimately — and is then listed as skipped, never
//   silently dropped — when it is: a name shorter than 2 characters; a name or phone in the town's fixtures (the
//   demo enterprises' contacts, demo identities' labels, the town's categories, areas and departments); a name
//   somebody bound as their own name (user.bind) or a name/phone given as an enterprise's contact
//   (enterprise.register / enterprise.update) in the same store; a name that some answer in the store showed
//   before the reporter gave it; a name that also occurs in the free text of another request in the store (a
//   description staff see). Openids are never skipped.
//
// `npm run identity-walk [dir]` (dir defaults to IDENTITY_WALK_DIR) prints a summary and exits 1 on any leak, and
// when nothing was recorded or no secret was learned (a walk that saw no reporter proves nothing).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { accessRule } from '../cloudfunctions/core/access';
import { defaultTown } from '../cloudfunctions/core/town';
import { DEMO_ENTERPRISES, demoIdentities } from '../local-engine/demo';
import { WALK_FILE_PREFIX, type WalkCall } from '../local-engine/identity-walk-recorder';

/** The officer's audited path: the one answer that may name a reporter to someone else. */
export const AUDITED = new Set(['reward.identity']);

export type SecretKind = 'openid' | 'name' | 'phone';

interface Secret {
  kind: SecretKind;
  value: string;
  owners: Set<string>;
  /** Index (in its store) of the first call that gave it. */
  since: number;
  from: string;
}

export interface Leak {
  fnAction: string;
  caller: string;
  kind: SecretKind;
  value: string;
  owners: string[];
  path: string;
  learnedFrom: string;
  store: string;
  test?: string;
}

export interface WalkReport {
  calls: number;
  /** Lines that were not JSON (cut short by a killed process). */
  unreadable: number;
  stores: number;
  byAction: Record<string, number>;
  secrets: Record<SecretKind, number>;
  /** The secrets searched for (learned, less the skipped ones). */
  checked: Record<SecretKind, number>;
  skipped: { kind: SecretKind; value: string; why: string }[];
  leaks: Leak[];
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const fnAction = (c: WalkCall) =>
  `${c.fn ?? '?'}.${typeof c.action === 'string' ? c.action : `(${JSON.stringify(c.action) ?? 'none'})`}`;

/** What a successful request says about who made it: [kind, value, field] triples. */
function secretsOf(call: WalkCall): [SecretKind, string, string][] {
  if (!call.ok || !call.caller) return [];
  const name = fnAction(call);
  const out: [SecretKind, string, string][] = [];
  const take = (o: unknown, prefix: string) => {
    if (!isObj(o)) return;
    const n = str(o.name);
    const p = str(o.phone);
    if (n) out.push(['name', n.trim(), `${prefix}name`]);
    if (p) out.push(['phone', p, `${prefix}phone`]);
  };
  if (name === 'tipoff.submit') take(call.input.contact, 'contact.');
  else if (name === 'reward.claim' || name === 'enterprise.report') {
    take(call.input, '');
    take(call.input.contact, 'contact.');
  } else return [];
  out.push(['openid', call.caller, 'caller']);
  return out;
}

/** Every string and key of a value, with its path. */
function* strings(v: unknown, at: string): Generator<[string, string]> {
  if (typeof v === 'string') yield [at, v];
  else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* strings(v[i], `${at}[${i}]`);
  else if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      yield [`${at}{key}`, k];
      yield* strings(x, `${at}.${k}`);
    }
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function matcher(kind: SecretKind, value: string): (text: string) => boolean {
  if (kind === 'name') return (text) => text.includes(value);
  const re =
    kind === 'phone'
      ? new RegExp(`(?<![0-9])${escape(value)}(?![0-9])`)
      : new RegExp(`(?<![A-Za-z0-9])${escape(value)}(?![A-Za-z0-9])`);
  return (text) => text.includes(value) && re.test(text);
}

/** Names and phones the town's fixtures show to people by design. */
function fixtureText(): string[] {
  const town = defaultTown() as unknown;
  const out: string[] = [];
  for (const [, s] of strings(town, '')) out.push(s);
  for (const e of DEMO_ENTERPRISES) out.push(e.name, e.contact.name, e.contact.phone, e.address);
  for (const d of demoIdentities(defaultTown())) out.push(d.label);
  return out;
}
let fixtures: string[] | undefined;

/** Free text a request carries (not its contact fields): what staff may legitimately see again. */
function requestText(call: WalkCall): string[] {
  const out: string[] = [];
  for (const [at, s] of strings(call.input, '')) {
    if (/^\.?(contact\.)?(name|phone)$/.test(at) && secretsOf(call).length > 0) continue;
    out.push(s);
  }
  return out;
}

/** Values given as someone's public name or an enterprise's contact in this store. */
function publicValues(call: WalkCall): string[] {
  if (!call.ok) return [];
  const name = fnAction(call);
  if (name === 'user.bind') return [str(call.input.name)].filter((x): x is string => !!x);
  if (name === 'enterprise.register' || name === 'enterprise.update') {
    const c = call.input.contact;
    return isObj(c) ? [str(c.name), str(c.phone)].filter((x): x is string => !!x) : [];
  }
  return [];
}

function scanStore(store: string, calls: WalkCall[], report: WalkReport) {
  const secrets = new Map<string, Secret>();
  calls.forEach((call, i) => {
    for (const [kind, value, field] of secretsOf(call)) {
      const key = `${kind}\u0000${value}`;
      const s = secrets.get(key);
      if (s) s.owners.add(call.caller as string);
      else
        secrets.set(key, {
          kind,
          value,
          owners: new Set([call.caller as string]),
          since: i,
          from: `${fnAction(call)} ${field}`,
        });
    }
  });
  if (secrets.size === 0) return;

  // Which names and phones cannot be told apart from something shown legitimately (see the rules above).
  fixtures ??= fixtureText();
  const publicInStore = calls.flatMap(publicValues);
  const answers = calls.map((c) => [...strings(c.ok ? c.data : c.error, '')].map(([, t]) => t).join('\u0001'));
  const requests = calls.map((c) => requestText(c).join('\u0001'));
  const skip = new Map<Secret, string>();
  for (const s of secrets.values()) {
    if (s.kind === 'openid') continue;
    if (s.kind === 'name' && [...s.value].length < 2) skip.set(s, 'shorter than 2 characters');
    else if (fixtures.some((t) => (s.kind === 'name' ? t.includes(s.value) : t === s.value)))
      skip.set(s, 'a town fixture (demo data, town configuration)');
    else if (publicInStore.includes(s.value)) skip.set(s, 'also bound as a name or given as an enterprise contact');
    else if (s.kind === 'name') {
      if (answers.slice(0, s.since).some((t) => t.includes(s.value)))
        skip.set(s, 'shown in an answer before it was given');
      else if (requests.some((t) => t.includes(s.value))) skip.set(s, 'also in the free text of a request');
    }
  }
  for (const [s, why] of skip) report.skipped.push({ kind: s.kind, value: s.value, why });
  for (const s of secrets.values()) if (!skip.has(s)) report.checked[s.kind] += 1;

  const checked = [...secrets.values()].filter((s) => !skip.has(s)).map((s) => ({ s, hit: matcher(s.kind, s.value) }));
  calls.forEach((call, i) => {
    if (AUDITED.has(fnAction(call))) return;
    const answer = call.ok ? call.data : call.error;
    for (const [at, text] of strings(answer, call.ok ? 'data' : 'error')) {
      for (const { s, hit } of checked) {
        if (s.since >= i || s.owners.has(call.caller as string) || !hit(text)) continue;
        report.leaks.push({
          fnAction: fnAction(call),
          caller: call.caller ?? '?',
          kind: s.kind,
          value: s.value,
          owners: [...s.owners],
          path: at,
          learnedFrom: s.from,
          store: store,
          ...(call.test ? { test: call.test } : {}),
        });
      }
    }
  });
}

export function emptyReport(): WalkReport {
  return {
    calls: 0,
    unreadable: 0,
    stores: 0,
    byAction: {},
    secrets: { openid: 0, name: 0, phone: 0 },
    checked: { openid: 0, name: 0, phone: 0 },
    skipped: [],
    leaks: [],
  };
}

/** Scans the recorded calls of whole stores (each in the order its calls were made) into `report`. */
export function scan(calls: WalkCall[], report: WalkReport = emptyReport()): WalkReport {
  const byStore = new Map<string, WalkCall[]>();
  for (const c of calls) {
    report.calls += 1;
    // The fuzz harness calls actions that do not exist under every name: those count as one line.
    const known = typeof c.action === 'string' && c.fn !== undefined && accessRule(c.fn, c.action) !== undefined;
    const key = known ? fnAction(c) : `${c.fn}.(no such action)`;
    report.byAction[key] = (report.byAction[key] ?? 0) + 1;
    const list = byStore.get(c.store) ?? [];
    list.push(c);
    byStore.set(c.store, list);
  }
  report.stores += byStore.size;
  for (const [store, list] of byStore) {
    const learned = new Set<string>();
    for (const c of list) for (const [kind, value] of secretsOf(c)) learned.add(`${kind}\u0000${value}`);
    for (const k of learned) report.secrets[k.split('\u0000')[0] as SecretKind] += 1;
    scanStore(store, list, report);
  }
  return report;
}

/**
 * Reads every walk file of a folder (one per process; lines in call order) and scans it. A store lives in one
 * process and one test file, so the calls are scanned a test file at a time (the files are large).
 */
export async function scanDir(dir: string): Promise<WalkReport> {
  const report = emptyReport();
  if (!fs.existsSync(dir)) return report;
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.startsWith(WALK_FILE_PREFIX) || !f.endsWith('.jsonl')) continue;
    let batch: WalkCall[] = [];
    let test: string | undefined;
    const lines = readline.createInterface({ input: fs.createReadStream(path.join(dir, f)), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      let call: WalkCall;
      try {
        call = JSON.parse(line) as WalkCall;
      } catch {
        report.unreadable += 1; // a line cut short by a process killed mid-write
        continue;
      }
      if (call.test !== test && batch.length > 0) {
        scan(batch, report);
        batch = [];
      }
      test = call.test;
      batch.push(call);
    }
    if (batch.length > 0) scan(batch, report);
  }
  return report;
}

/** The printed summary; `failed` when a leak was found or the walk saw nothing to judge. */
export function summarize(report: WalkReport): { text: string; failed: boolean } {
  const lines: string[] = [];
  lines.push(`identity walk: ${report.calls} answers in ${report.stores} stores`);
  if (report.unreadable > 0) lines.push(`  ${report.unreadable} lines unreadable (cut short)`);
  const actions = Object.entries(report.byAction).sort(([a], [b]) => a.localeCompare(b));
  lines.push(`  per action: ${actions.map(([a, n]) => `${a} ${n}`).join(', ')}`);
  const { openid, name, phone } = report.secrets;
  lines.push(`  secrets learned (per store): ${openid} openids, ${name} names, ${phone} phones`);
  const c = report.checked;
  lines.push(`  searched for in every answer: ${c.openid} openids, ${c.name} names, ${c.phone} phones`);
  if (report.skipped.length > 0) {
    const seen = new Map<string, number>();
    for (const s of report.skipped) {
      const k = `${s.kind} "${s.value}": ${s.why}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    lines.push(`  not checked (cannot be told apart from data shown by design):`);
    for (const [k, n] of seen) lines.push(`    ${k}${n > 1 ? ` (${n} stores)` : ''}`);
  }
  let failed = false;
  if (report.calls === 0) {
    lines.push('FAIL: nothing was recorded (was IDENTITY_WALK_DIR set for the suites?)');
    failed = true;
  } else if (openid + name + phone === 0) {
    lines.push('FAIL: no reporter identity was learned: the walk saw no report');
    failed = true;
  }
  if (report.leaks.length > 0) {
    failed = true;
    lines.push(`FAIL: ${report.leaks.length} answers name a reporter to someone else:`);
    const shown = new Set<string>();
    for (const l of report.leaks) {
      const k = `${l.fnAction} → ${l.caller}: ${l.kind} "${l.value}" (of ${l.owners.join(', ')}, from ${l.learnedFrom}) at ${l.path}`;
      if (shown.has(k)) continue;
      shown.add(k);
      lines.push(`  ${k}${l.test ? `  [${path.relative(process.cwd(), l.test)}]` : ''}`);
    }
  } else if (!failed) lines.push('OK: no reporter openid, name or phone in any answer to anyone else');
  return { text: lines.join('\n'), failed };
}

if (require.main === module) {
  const dir = process.argv[2] ?? process.env.IDENTITY_WALK_DIR;
  if (!dir) {
    console.error('usage: npm run identity-walk <dir>  (or set IDENTITY_WALK_DIR)');
    process.exit(2);
  }
  void scanDir(dir).then((report) => {
    const { text, failed } = summarize(report);
    console.log(text);
    process.exit(failed ? 1 : 0);
  });
}
