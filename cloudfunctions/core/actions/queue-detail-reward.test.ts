// Issue 8: queue.detail shows the department the fine, the reward's state and whether it may record the fine —
// never who reported.
import { openTestEnv, validSubmission, type TestEnv } from '../../../local-engine/test-support';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => env.close());

type Res = { ok: boolean; data?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const ok = (res: Res) => {
  expect(res.error).toBeUndefined();
  return res.data;
};
const act = (input: Record<string, unknown>, openid = 'staff-CJ') => env.call('queue', 'act', input, openid);
const detail = async (id: string, openid = 'staff-CJ') => ok(await env.call('queue', 'detail', { id }, openid));

async function filed(openid: string, submit: Record<string, unknown> = {}) {
  const { id } = ok(await env.call('tipoff', 'submit', validSubmission(submit), openid));
  ok(await act({ step: 'accept', id }));
  return id as string;
}

describe('queue.detail: fine, reward state, mayRecordFine', () => {
  it('a case not (yet) founded carries none of them', async () => {
    const id = await filed('reporter-q1');
    const d = await detail(id);
    expect(d).not.toHaveProperty('fine');
    expect(d).not.toHaveProperty('reward');
    expect(d).not.toHaveProperty('mayRecordFine');
  });

  it('a founded major hazard: awaits the fine, editable until decided, then locked', async () => {
    const id = await filed('reporter-q2', { anonymous: false, contact: { name: '王五', phone: '13900139000' } });
    ok(await act({ step: 'verify', id, founded: true, major: true, note: '现场核实属实，重大隐患' }));

    let d = await detail(id);
    expect(d.fine).toBeUndefined();
    expect(d.reward).toEqual({ status: 'awaitingFine', statusLabel: '待录入罚款', fineEditable: true });
    expect(d.mayRecordFine).toBe(true);
    // Another department reads nothing; 安委办 may record for every department.
    expect((await env.call('queue', 'detail', { id }, 'staff-XF')).error?.code).toBe('FORBIDDEN');
    expect((await detail(id, 'admin-demo')).mayRecordFine).toBe(true);

    ok(await env.call('queue', 'fine', { id, amountFen: 3_000_000 }, 'staff-CJ'));
    d = await detail(id);
    expect(d.fine).toEqual({ amountFen: 3_000_000, at: expect.any(String), by: expect.any(String) });
    expect(d.reward).toEqual({ status: 'open', statusLabel: '待核定', fineEditable: true });
    expect(d.mayRecordFine).toBe(true);

    ok(
      await env.call(
        'reward',
        'decide',
        { reportId: id, approved: true, amount: 450_000, basis: '罚款的百分之十五' },
        'admin-demo',
      ),
    );
    d = await detail(id);
    expect(d.reward).toEqual({ status: 'decided', statusLabel: '待审批', fineEditable: false });
    expect(d.mayRecordFine).toBe(false);
    // Never who reported, for anyone reading the case.
    for (const who of ['staff-CJ', 'admin-demo', 'leader-demo'])
      expect(JSON.stringify(await detail(id, who))).not.toMatch(/reporter-q2|王五|13900139000/);
  });

  it('alreadyKnown: the reward is refused, the fine may still be recorded', async () => {
    const id = await filed('reporter-q3');
    ok(await act({ step: 'verify', id, founded: true, alreadyKnown: true, note: '本部门此前已发现' }));
    const d = await detail(id);
    expect(d.reward).toEqual({ status: 'refused', statusLabel: '不予奖励', fineEditable: true });
    expect(d.mayRecordFine).toBe(true);
  });

  it('an unfounded case has no reward and no fine form', async () => {
    const id = await filed('reporter-q4');
    ok(await act({ step: 'verify', id, founded: false, note: '现场未发现该隐患' }));
    const d = await detail(id);
    expect(d).not.toHaveProperty('reward');
    expect(d).not.toHaveProperty('mayRecordFine');
  });
});
