// The conflict retry against the local engine's real (optimistic) conflicts: every submit of a year
// writes the same counter document, so residents submitting at the same moment collide.
import { openTestEnv, validSubmission, type TestEnv } from '../../local-engine/test-support';
import * as transaction from './transaction';

let env: TestEnv;
beforeEach(async () => {
  env = await openTestEnv();
});
afterEach(() => {
  jest.restoreAllMocks();
  env.close();
});

const seqOf = (no: string) => Number(/(\d+)$/.exec(no)?.[1]);

async function burst(n: number) {
  return Promise.all(
    Array.from({ length: n }, (_, i) => env.call('tipoff', 'submit', validSubmission(), `burst-resident-${i}`)),
  );
}

describe('residents submitting at the same moment', () => {
  it('all 20 are filed, with distinct consecutive numbers, while transactions conflict', async () => {
    const { total: before } = await env.runtime.db.collection('tipoffs').count();
    // On top of the natural collisions on the counter, a share of commits fails as well.
    env.runtime.db.setConflictRate(0.2);
    const results = await burst(20);
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const numbers = results.map((r) => seqOf(r.data.no)).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers[19] - numbers[0]).toBe(19); // no gap: a rolled-back try leaves no number used
    const { total } = await env.runtime.db.collection('tipoffs').count();
    expect(total).toBe(before + 20);
  });

  it('without the retry some of them fail (the fault this guards against)', async () => {
    const original = transaction.runTransaction;
    jest
      .spyOn(transaction, 'runTransaction')
      .mockImplementation((db, fn, options) => original(db, fn, { ...options, tries: 1 }));
    const results = await burst(20);
    const failed = results.filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThan(0);
    // What a resident saw before: 服务暂时不可用.
    expect(failed[0].error.code).toBe('INTERNAL');
  });
});
