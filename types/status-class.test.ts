// One exhaustive classification of statuses (STATUS_CLASS): every status is open, ended or transient, and the
// lists the core queries by are derived from it. `submitted` and `transferred` (steps between routing moves) are
// in neither the open nor the ended list.
import * as core from '../cloudfunctions/core/tipoffs';
import {
  ENDED_STATUSES,
  OPEN_STATUSES,
  STATUS_CLASS,
  TIPOFF_STATUSES,
  TRANSIENT_STATUSES,
  type TipoffStatus,
} from './tipoff';

const TABLE: [TipoffStatus, 'open' | 'ended' | 'transient'][] = [
  ['submitted', 'transient'],
  ['assigned', 'open'],
  ['accepted', 'open'],
  ['verified', 'open'],
  ['unfounded', 'ended'],
  ['rectifying', 'open'],
  ['rectified', 'open'],
  ['closed', 'ended'],
  ['transferred', 'transient'],
  ['merged', 'ended'],
  ['rejected', 'ended'],
];

describe('STATUS_CLASS', () => {
  it.each(TABLE)('%s is %s', (status, cls) => {
    expect(STATUS_CLASS[status]).toBe(cls);
  });

  it('classes every status exactly once (the table above covers them all)', () => {
    expect(Object.keys(STATUS_CLASS).sort()).toEqual([...TIPOFF_STATUSES].sort());
    expect(TABLE.map(([s]) => s).sort()).toEqual([...TIPOFF_STATUSES].sort());
  });

  it('derives the open, ended and transient lists, which partition the statuses', () => {
    expect(OPEN_STATUSES).toEqual(['assigned', 'accepted', 'verified', 'rectifying', 'rectified']);
    expect(ENDED_STATUSES).toEqual(['unfounded', 'closed', 'merged', 'rejected']);
    expect(TRANSIENT_STATUSES).toEqual(['submitted', 'transferred']);
    const all = [...OPEN_STATUSES, ...ENDED_STATUSES, ...TRANSIENT_STATUSES];
    expect(all.sort()).toEqual([...TIPOFF_STATUSES].sort());
  });

  it('is what the core queries by (no second hand-kept list)', () => {
    expect(core.OPEN_STATUSES).toBe(OPEN_STATUSES);
    expect(core.ENDED_STATUSES).toBe(ENDED_STATUSES);
  });
});
