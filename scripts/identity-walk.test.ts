// The identity walk's scanner (scripts/identity-walk.ts): a planted leak is found, a clean log passes, and the
// recorder writes what the scanner reads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { identityWalkRecorder, type WalkCall } from '../local-engine/identity-walk-recorder';
import { listenGateway, openTestEnv, validSubmission } from '../local-engine/test-support';
import { scan, scanDir, summarize } from './identity-walk';

const STORE = '/tmp/store-a';
const call = (c: Partial<WalkCall> & Pick<WalkCall, 'fn' | 'action' | 'caller'>): WalkCall => ({
  store: STORE,
  input: {},
  ok: true,
  data: {},
  ...c,
});

/** A named report by reporter-x, then what staff, the manager, the officer and the reporter are answered. */
function log(staffAnswer: unknown): WalkCall[] {
  return [
    call({
      fn: 'tipoff',
      action: 'submit',
      caller: 'reporter-x',
      input: { description: '楼道堆放杂物', anonymous: false, contact: { name: '赵小明', phone: '13912345678' } },
      data: { id: 't1', no: 'MH-1', trackingCode: 'ABCD2345' },
    }),
    call({ fn: 'queue', action: 'detail', caller: 'staff-CJ', input: { id: 't1' }, data: staffAnswer }),
    // the reporter's own answers and the officer's audited read may name them
    call({
      fn: 'user',
      action: 'myData',
      caller: 'reporter-x',
      data: { contacts: [{ name: '赵小明', phone: '13912345678' }] },
    }),
    call({ fn: 'reward', action: 'identity', caller: 'admin-demo', data: { name: '赵小明', phone: '13912345678' } }),
  ];
}

const CLEAN = { id: 't1', description: '楼道堆放杂物', reporter: { anonymous: false, personId: 'p-1a2b' } };

describe('the identity walk scanner', () => {
  it('passes a clean log: the reporter sees their own data and the officer reads it on the audited path', () => {
    const report = scan(log(CLEAN));
    expect(report.leaks).toEqual([]);
    expect(report.secrets).toEqual({ openid: 1, name: 1, phone: 1 });
    expect(summarize(report).failed).toBe(false);
  });

  it("finds a reporter's phone in a nested field of a staff answer", () => {
    const leaky = { ...CLEAN, timeline: [{ at: '2026-11-28', text: '已受理', extra: { tel: '电话 13912345678' } }] };
    const report = scan(log(leaky));
    expect(report.leaks).toEqual([
      expect.objectContaining({
        fnAction: 'queue.detail',
        caller: 'staff-CJ',
        kind: 'phone',
        value: '13912345678',
        owners: ['reporter-x'],
        path: 'data.timeline[0].extra.tel',
      }),
    ]);
    const { text, failed } = summarize(report);
    expect(failed).toBe(true);
    expect(text).toContain('queue.detail → staff-CJ: phone "13912345678"');
  });

  it('finds the openid (as a token, also as an object key) and the name, also in an error', () => {
    const report = scan([
      ...log({ ...CLEAN, byOpenid: { 'reporter-x': 1 }, note: '举报人赵小明' }),
      call({ fn: 'tipoff', action: 'detail', caller: 'other', ok: false, error: { message: 'reporter-x 的报告' } }),
    ]);
    expect(report.leaks.map((l) => `${l.fnAction} ${l.kind} ${l.path}`)).toEqual([
      'queue.detail openid data.byOpenid{key}',
      'queue.detail name data.note',
      'tipoff.detail openid error.message',
    ]);
  });

  it('does not take an openid inside a longer id, or a phone inside a longer number, for a leak', () => {
    expect(scan(log({ ...CLEAN, ref: 'reporter-xyz', n: '1391234567899' })).leaks).toEqual([]);
  });

  it('lists the names it cannot tell apart from data shown by design, and still checks their phone', () => {
    const calls = log({ ...CLEAN, worker: '赵小明', tel: '13912345678' });
    calls.unshift(call({ fn: 'user', action: 'bind', caller: 'reporter-x', input: { code: 'X', name: '赵小明' } }));
    const report = scan(calls);
    expect(report.skipped).toEqual([
      { kind: 'name', value: '赵小明', why: 'also bound as a name or given as an enterprise contact' },
    ]);
    expect(report.leaks.map((l) => l.kind)).toEqual(['phone']);
  });

  it('keeps stores apart: another engine never held the secret', () => {
    const calls = log(CLEAN);
    calls.push(call({ store: '/tmp/store-b', fn: 'queue', action: 'list', caller: 'staff-CJ', data: ['赵小明'] }));
    expect(scan(calls).leaks).toEqual([]);
  });

  it('fails a walk that recorded nothing or saw no report', () => {
    expect(summarize(scan([])).failed).toBe(true);
    expect(summarize(scan([call({ fn: 'town', action: 'options', caller: 'a' })])).failed).toBe(true);
  });

  it('reads what the recorder writes (on only with IDENTITY_WALK_DIR)', async () => {
    expect(identityWalkRecorder(STORE, {})).toBeUndefined();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-test-'));
    try {
      const record = identityWalkRecorder(STORE, { IDENTITY_WALK_DIR: dir });
      const [submit, staff] = log({ ...CLEAN, phone: '13912345678' });
      record?.({
        fn: 'tipoff',
        event: { action: 'submit', ...submit.input },
        openid: 'reporter-x',
        result: { ok: true, data: submit.data },
      });
      record?.({
        fn: 'queue',
        event: { action: 'detail', id: 't1' },
        openid: 'staff-CJ',
        result: { ok: true, data: staff.data },
      });
      record?.({
        fn: 'queue',
        event: { action: 'x', junk: 'y'.repeat(100) },
        openid: 'f',
        result: { ok: false, error: { code: 'NOT_FOUND', message: '' } },
      });
      const report = await scanDir(dir);
      expect(report.calls).toBe(3);
      expect(report.leaks.map((l) => `${l.fnAction} ${l.path}`)).toEqual(['queue.detail data.phone']);
      // a refused call keeps no input
      expect(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]), 'utf8')).not.toContain('yyyy');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records env.call and the gateway alike through dispatch, and a real report answered to others shows no one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-engine-'));
    const before = process.env.IDENTITY_WALK_DIR;
    process.env.IDENTITY_WALK_DIR = dir;
    const env = await openTestEnv();
    const gateway = await listenGateway({ runtime: env.runtime });
    try {
      const contact = { name: '钱多多', phone: '13700001111' };
      const filed = await env.call('tipoff', 'submit', validSubmission({ anonymous: false, contact }), 'reporter-w');
      expect(filed.ok).toBe(true);
      const res = await fetch(`${gateway.base}/cloud/tipoff`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': 'someone-else' },
        body: JSON.stringify({ action: 'track', trackingCode: filed.data.trackingCode }),
      });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
      // what a leaking action would answer, through the same hook
      env.runtime.deps.onDispatch?.({
        fn: 'queue',
        event: { action: 'list' },
        openid: 'staff-CJ',
        result: { ok: true, data: { items: [{ who: { tel: contact.phone } }] } },
      });
      const report = await scanDir(dir);
      // the seed's sample reports and ours, the track through the gateway, the planted answer
      expect(report.byAction['tipoff.submit']).toBeGreaterThan(1);
      expect(report.byAction).toMatchObject({ 'tipoff.track': 1, 'queue.list': 1 });
      expect(report.checked).toMatchObject({ name: 1, phone: 1 });
      expect(report.leaks.map((l) => `${l.fnAction} ${l.caller} ${l.path}`)).toEqual([
        'queue.list staff-CJ data.items[0].who.tel',
      ]);
    } finally {
      if (before === undefined) delete process.env.IDENTITY_WALK_DIR;
      else process.env.IDENTITY_WALK_DIR = before;
      await gateway.close();
      env.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
