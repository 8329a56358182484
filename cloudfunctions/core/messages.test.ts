import { openTestEnv, validSubmission, type TestEnv } from '../../local-engine/test-support';
import type { Database } from './db';
import { reporterKey } from './ids';
import {
  departmentRecipient,
  FOLLOWS,
  followId,
  MESSAGES,
  notifyFollowers,
  toMessage,
  type MessageDoc,
} from './messages';
import { sweepOverdue } from './sweep';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

/** The database with every query's collection and order recorded. */
function recording(db: Database) {
  const queries: { collection: string; orderBy: string[] }[] = [];
  const wrap = (target: object, entry: { collection: string; orderBy: string[] }): unknown =>
    new Proxy(target, {
      get(t, prop) {
        const value = Reflect.get(t, prop) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const out = (value as (...a: unknown[]) => unknown).apply(t, args);
          if (prop === 'orderBy')
            return wrap(out as object, { ...entry, orderBy: [...entry.orderBy, String(args[0])] });
          if (prop === 'get') queries.push(entry);
          return out && typeof out === 'object' && !(out instanceof Promise) ? wrap(out as object, entry) : out;
        };
      },
    });
  const recorded = new Proxy(db, {
    get(t, prop) {
      if (prop === 'collection') return (name: string) => wrap(t.collection(name), { collection: name, orderBy: [] });
      return Reflect.get(t, prop);
    },
  });
  return { db: recorded, queries };
}

async function messagesFor(tipoffId: string) {
  const _ = env.runtime.db.command;
  const perRecipient = new Map<string, number>();
  for (let last = ''; ; ) {
    const { data } = await env.runtime.db
      .collection<{ _id: string; recipient: string }>(MESSAGES)
      .where(last ? { tipoffId, _id: _.gt(last) } : { tipoffId })
      .orderBy('_id', 'asc')
      .limit(100)
      .get();
    for (const m of data) perRecipient.set(m.recipient, (perRecipient.get(m.recipient) ?? 0) + 1);
    if (data.length < 100) return perRecipient;
    last = data[data.length - 1]._id;
  }
}

describe('toMessage: what the client gets', () => {
  const doc = { _id: 'm1', recipient: 'k', title: 't', body: 'b', read: false, createdAt: 'now' };

  it('passes kind and internalReportId through, and leaves them out of older messages', () => {
    expect(toMessage({ ...doc, kind: 'internalReport', internalReportId: 'nb1' })).toEqual({
      id: 'm1',
      title: 't',
      body: 'b',
      kind: 'internalReport',
      internalReportId: 'nb1',
      read: false,
      createdAt: 'now',
      audience: 'reporter',
    });
    const old = toMessage(doc);
    expect(old).not.toHaveProperty('kind');
    expect(old).not.toHaveProperty('internalReportId');
    expect(toMessage({ ...doc, recipient: 'role:leader', kind: 'leaderNotice' })).toMatchObject({
      kind: 'leaderNotice',
      audience: 'department',
    });
  });

  it('a follower’s message is a case message', async () => {
    const tipoffId = 'tip-kind';
    env.runtime.db.bulkInsert(FOLLOWS, [
      { _id: followId(tipoffId, 'kk'), tipoffId, reporterKey: 'kk', createdAt: 'now' },
    ]);
    await notifyFollowers(env.runtime.deps, { _id: tipoffId, no: 'MX-1' }, { title: 't', body: 'b' }, 'now');
    const { data } = await env.runtime.db.collection(MESSAGES).where({ tipoffId }).get();
    expect(data.map((m) => (m as unknown as MessageDoc).kind)).toEqual(['case']);
  });
});

describe('notifyFollowers: fan-out in batches', () => {
  it('reads followers a page at a time, ordered by the unique _id, and writes each page in one request', async () => {
    const tipoffId = 'tip-fan-out';
    const at = '2026-11-28T10:00:00+08:00';
    // 250 follows in the same second: createdAt cannot order them.
    const keys = Array.from({ length: 250 }, (_, i) => `key-${String(i).padStart(3, '0')}`);
    env.runtime.db.bulkInsert(
      FOLLOWS,
      keys.map((k) => ({ _id: followId(tipoffId, k), tipoffId, reporterKey: k, createdAt: at })),
    );
    const { db, queries } = recording(env.runtime.db);
    env.runtime.db.resetStats();
    const sent = await notifyFollowers({ db }, { _id: tipoffId, no: 'YH-2026-0001' }, { title: 't', body: 'b' }, at);

    expect(sent).toBe(250);
    // Pages of 100: three reads, three batch writes, instead of 250 single adds.
    expect(env.runtime.db.stats()).toEqual({ reads: 3, writes: 3 });
    const follows = queries.filter((q) => q.collection === FOLLOWS);
    expect(follows).toHaveLength(3);
    for (const q of follows) expect(q.orderBy).toEqual(['_id']);
    const got = await messagesFor(tipoffId);
    expect([...got.keys()].sort()).toEqual(keys);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
  });

  it('sends nothing and writes nothing without followers', async () => {
    env.runtime.db.resetStats();
    expect(await notifyFollowers(env.runtime.deps, { _id: 'none', no: 'x' }, { title: 't', body: 'b' }, 'now')).toBe(0);
    expect(env.runtime.db.stats()).toEqual({ reads: 1, writes: 0 });
  });

  it('queue.act on a case with 200 followers makes a bounded number of requests, and all 200 are told', async () => {
    const submitted = await env.call('tipoff', 'submit', validSubmission(), 'resident-demo');
    expect(submitted.ok).toBe(true);
    const id = submitted.data.id as string;
    const followers = Array.from({ length: 200 }, (_, i) => `follower-${i}`);
    for (const openid of followers) {
      expect(await env.call('tipoff', 'follow', { id }, openid)).toMatchObject({ ok: true });
    }

    env.runtime.db.resetStats();
    expect(await env.call('queue', 'act', { step: 'accept', id }, 'staff-CJ')).toEqual({
      ok: true,
      data: { id, status: 'accepted' },
    });
    const { reads, writes } = env.runtime.db.stats();
    // The step itself (caller, case, update, audit, reporter's message) plus 3 reads and 2 batch writes.
    expect(reads + writes).toBeLessThanOrEqual(12);

    const got = await messagesFor(id);
    const secret = env.runtime.deps.reporterKeySecret;
    for (const openid of followers) expect(got.get(reporterKey(openid, secret))).toBe(1);
    expect(got.get(reporterKey('resident-demo', secret))).toBe(1); // the reporter, once
    expect(got.size).toBe(201);
  });
});

describe('sweep reminders in one batch', () => {
  it('reminds every department with overdue cases in one write', async () => {
    const categories = ['gas-facility', 'fire-passage', 'elevator', 'construction-site', 'ebike-charging'];
    for (const categoryId of categories) {
      const res = await env.call('tipoff', 'submit', validSubmission({ categoryId }), 'resident-demo');
      expect(res.ok).toBe(true);
    }
    const { data } = await env.runtime.db.collection<{ departmentId: string }>('tipoffs').limit(100).get();
    const departments = new Set(data.map((d) => d.departmentId));
    expect(departments.size).toBeGreaterThanOrEqual(2);

    const db = env.runtime.db;
    let messageAdds = 0;
    const counting = new Proxy(db, {
      get(t, prop) {
        if (prop !== 'collection') return Reflect.get(t, prop);
        return (name: string) => {
          const c = t.collection(name);
          if (name !== MESSAGES) return c;
          return new Proxy(c, {
            get(ct, p) {
              // The department reminders (the leaders' per-case notices are batched per rung, sweep.test.ts).
              if (p === 'add')
                return (o: { data: MessageDoc[] }) => (
                  o.data.some((m) => m.title === '超期督办提醒') && messageAdds++,
                  ct.add(o as never)
                );
              return Reflect.get(ct, p);
            },
          });
        };
      },
    });
    env.clock.advance(30 * 86_400_000);
    const res = await sweepOverdue({ ...env.runtime.deps, db: counting });
    expect(res.departmentsReminded).toBe(departments.size);
    expect(messageAdds).toBe(1);
    const { data: reminders } = await db
      .collection<{ recipient: string }>(MESSAGES)
      .where({ title: '超期督办提醒' })
      .limit(100)
      .get();
    expect(new Set(reminders.map((m) => m.recipient))).toEqual(
      new Set([...departments].map((d) => departmentRecipient(d))),
    );
  });
});

describe('the leaders’ notices (role:leader)', () => {
  it('leaders and 安委办 admins read them in 消息 and mark them read; department staff and residents do not see them', async () => {
    await env.runtime.db.collection(MESSAGES).add({
      data: {
        _id: 'escalation-tX-1',
        recipient: 'role:leader',
        title: '超期函告',
        body: '函告：城建 MX-2026-000012 超期 3 个工作日。',
        tipoffId: 'tX',
        tipoffNo: 'MX-2026-000012',
        read: false,
        createdAt: '2026-03-09T09:00:00+08:00',
      } satisfies MessageDoc,
    });
    const list = async (who: string) => {
      const res = await env.call('user', 'messages', { page: 1, pageSize: 20 }, who);
      expect(res.ok).toBe(true);
      return (res as { data: { items: { id: string; audience: string }[]; unread: number } }).data;
    };
    for (const who of ['leader-demo', 'admin-demo']) {
      const { items, unread } = await list(who);
      expect(items).toEqual([expect.objectContaining({ id: 'escalation-tX-1', audience: 'department' })]);
      expect(unread).toBe(1);
    }
    for (const who of ['staff-CJ', 'head-CJ', 'resident-demo']) expect((await list(who)).items).toEqual([]);

    expect(await env.call('user', 'readMessages', {}, 'staff-CJ')).toMatchObject({ data: { updated: 0 } });
    expect(await env.call('user', 'readMessages', { ids: ['escalation-tX-1'] }, 'leader-demo')).toMatchObject({
      data: { updated: 1 },
    });
    expect((await list('admin-demo')).unread).toBe(0);
  });
});
