// A subscribe message that does not reach the reporter is recorded on the case (notifyFailures: when, which
// status, why, errCode — never who), and staff see it in queue.detail; a push that went, or was skipped, leaves
// no record; a failing push never undoes the step.
import { openTestEnv, validSubmission, type TestEnv } from '../../local-engine/test-support';
import type { NotifyOutcome, StatusChangedEvent } from './deps';

let env: TestEnv;
let outcomes: (NotifyOutcome | Error)[];
let events: StatusChangedEvent[];
beforeEach(async () => {
  env = await openTestEnv();
  outcomes = [];
  events = [];
  env.runtime.deps.notifier = {
    statusChanged: async (event) => {
      events.push(event);
      const next = outcomes.shift() ?? { result: 'sent' };
      if (next instanceof Error) throw next;
      return next;
    },
  };
});
afterEach(() => env.close());

const act = (openid: string, input: Record<string, unknown>) => env.call('queue', 'act', input, openid);

async function submit() {
  const res = await env.call('tipoff', 'submit', validSubmission(), 'resident-demo');
  expect(res.ok).toBe(true);
  return res.data as { id: string };
}

async function stored(id: string) {
  return (await env.runtime.db.collection('tipoffs').doc(id).get()).data as Record<string, unknown>;
}

describe('notify failures', () => {
  it('records no-consent (43101) and failed sends on the case, in order, and queue.detail shows them', async () => {
    const { id } = await submit();
    outcomes.push({ result: 'failed', reason: 'no-consent', errCode: 43101 });
    expect((await act('staff-CJ', { step: 'accept', id })).ok).toBe(true);
    outcomes.push({ result: 'failed', reason: 'failed', errCode: -501000 });
    expect(
      (await act('staff-CJ', { step: 'verify', id, founded: true, note: '现场核实管道锈蚀', major: false })).ok,
    ).toBe(true);

    expect(events.map((e) => e.status)).toEqual(['accepted', 'verified']);
    const doc = await stored(id);
    expect(doc.status).toBe('verified');
    expect(doc.notifyFailures).toEqual([
      { at: events[0].at, status: 'accepted', reason: 'no-consent', errCode: 43101 },
      { at: events[1].at, status: 'verified', reason: 'failed', errCode: -501000 },
    ]);
    // No openid or reporter key in the record.
    expect(JSON.stringify(doc.notifyFailures)).not.toMatch(/resident-demo|reporter/);

    const detail = await env.call('queue', 'detail', { id }, 'staff-CJ');
    expect(detail.ok).toBe(true);
    expect(detail.data.notifyFailures).toEqual(doc.notifyFailures);
  });

  it('a notifier that throws counts as failed (no errCode) and the step stands', async () => {
    const { id } = await submit();
    outcomes.push(new Error('socket hang up'));
    expect(await act('staff-CJ', { step: 'accept', id })).toEqual({ ok: true, data: { id, status: 'accepted' } });
    const doc = await stored(id);
    expect(doc.status).toBe('accepted');
    expect(doc.notifyFailures).toEqual([{ at: events[0].at, status: 'accepted', reason: 'failed' }]);
  });

  it('a push that went or was skipped records nothing, and queue.detail has no notifyFailures', async () => {
    const { id } = await submit();
    outcomes.push({ result: 'sent' });
    await act('staff-CJ', { step: 'accept', id });
    outcomes.push({ result: 'skipped' });
    await act('staff-CJ', { step: 'verify', id, founded: true, note: '现场核实管道锈蚀', major: false });
    expect(events).toHaveLength(2);
    expect((await stored(id)).notifyFailures).toBeUndefined();
    const detail = await env.call('queue', 'detail', { id }, 'staff-CJ');
    expect(detail.data).not.toHaveProperty('notifyFailures');
  });
});
