// The durations the dashboard reads (core/stats.ts): hours from filing to acceptance, verification (either way)
// and 销号, rounded to 0.1, stored on the report by the step that reaches each milestone — and by no other.
import type { QueueActInput, TipoffStatus } from '../../types';
import { transition, type Actor } from './lifecycle';
import type { TipoffDoc } from './tipoffs';
import { defaultTown } from './town';

const town = defaultTown();
const actor: Actor = { _id: 'head-CJ', departmentId: 'CJ', roles: ['head'] };
const filed = '2026-11-02T09:00:00+08:00';

const report = (status: TipoffStatus, extra: Partial<TipoffDoc> = {}): TipoffDoc =>
  ({
    _id: 't1',
    no: 'MX-2026-000001',
    status,
    categoryId: 'gas-facility',
    areaId: 'gk5',
    departmentId: 'CJ',
    coDepartmentIds: [],
    suspectedMajor: false,
    major: false,
    deadlines: { closeBy: '2026-12-02T23:59:59+08:00', rectifyBy: '2026-11-20T23:59:59+08:00' },
    rectification: { measures: 'm', deadline: '2026-11-20', responsibleUnit: 'u', rectifiedBy: 'staff-CJ' },
    createdAt: filed,
    ...extra,
  }) as TipoffDoc;

const take = (doc: TipoffDoc, input: QueueActInput, at: string) =>
  transition(doc, input, { actor, town, now: new Date(at) });

describe('hours on the report', () => {
  it('accept stores toAccept, keeping nothing else; a second acceptance (after 转办) replaces it', () => {
    const t = take(
      report('assigned'),
      { step: 'accept', id: 't1', note: '' } as QueueActInput,
      '2026-11-02T10:20:00+08:00',
    );
    expect(t.set.hours).toEqual({ toAccept: 1.3 });
    const again = take(
      report('assigned', { hours: { toAccept: 1.3 } }),
      { step: 'accept', id: 't1', note: '' } as QueueActInput,
      '2026-11-04T09:03:00+08:00',
    );
    expect(again.set.hours).toEqual({ toAccept: 48.1 });
  });

  it('verify stores toVerify whether founded or not, keeping toAccept', () => {
    const prior = { hours: { toAccept: 1.3 } };
    const yes = take(
      report('accepted', prior),
      { step: 'verify', id: 't1', founded: true, note: '现场属实' } as QueueActInput,
      '2026-11-03T09:00:00+08:00',
    );
    expect(yes.set.hours).toEqual({ toAccept: 1.3, toVerify: 24 });
    const no = take(
      report('accepted', prior),
      { step: 'verify', id: 't1', founded: false, note: '现场不属实' } as QueueActInput,
      '2026-11-02T09:05:59+08:00',
    );
    expect(no.set.hours).toEqual({ toAccept: 1.3, toVerify: 0.1 });
  });

  it('an approved sign-off stores toClose; a sent-back one and the steps between store nothing', () => {
    const prior = { hours: { toAccept: 1, toVerify: 2 } };
    const ok = take(
      report('rectified', prior),
      { step: 'signoff', id: 't1', approved: true, note: '复核通过' } as QueueActInput,
      '2026-11-12T09:00:00+08:00',
    );
    expect(ok.set.hours).toEqual({ toAccept: 1, toVerify: 2, toClose: 240 });
    const back = take(
      report('rectified', prior),
      { step: 'signoff', id: 't1', approved: false, note: '整改不到位' } as QueueActInput,
      '2026-11-12T09:00:00+08:00',
    );
    expect(back.set.hours).toBeUndefined();
    const order = take(
      report('verified', prior),
      {
        step: 'order',
        id: 't1',
        measures: '更换管道',
        deadline: '2026-11-20',
        responsibleUnit: '物业',
      } as QueueActInput,
      '2026-11-03T09:00:00+08:00',
    );
    expect(order.set.hours).toBeUndefined();
  });
});
