// Every query the code makes is served by a declared index (the same declarations the local engine creates
// and scripts/setup-cloudbase.ts applies to CloudBase). The rule is in index-coverage.ts.
import { coverage, type ObservedQuery } from './index-coverage';

const q = (where: string[], orderBy: string[] = []): ObservedQuery => ({ collection: 't', op: 'get', where, orderBy });
const INDEXES = [['departmentId', 'status', 'dueAt', 'createdAt', '_id'], ['reporterKey', 'createdAt'], ['createdAt']];

describe('the coverage rule', () => {
  it('needs no index for a plain count, and serves _id and geo filters by their own indexes', () => {
    expect(coverage(q([]), [], [])).toEqual({ covered: true, by: 'none-needed' });
    expect(coverage(q(['_id', 'recipient']), [], [])).toEqual({ covered: true, by: '_id' });
    expect(coverage(q(['geo', 'categoryId', 'status']), [], ['geo'])).toEqual({ covered: true, by: 'geo' });
    expect(coverage(q(['geo']), [], [])).toMatchObject({ covered: false });
  });

  it('takes filter fields as the leading part of an index, in any order, then the sort fields in order', () => {
    expect(coverage(q(['status', 'departmentId'], ['dueAt', 'createdAt', '_id']), INDEXES, [])).toEqual({
      covered: true,
      by: INDEXES[0],
    });
    expect(coverage(q(['reporterKey'], ['createdAt']), INDEXES, [])).toEqual({ covered: true, by: INDEXES[1] });
    // a filter on a field the index leads with, sorted by that same field: nothing left to sort
    expect(coverage(q(['createdAt'], ['createdAt']), INDEXES, [])).toMatchObject({ covered: true });
  });

  it('accepts extra filter fields checked on the documents the index returns', () => {
    expect(coverage(q(['departmentId', 'categoryId']), INDEXES, [])).toMatchObject({ covered: true });
  });

  it('refuses a scan no index bounds, a sort the index does not give, and a tie-break it does not hold', () => {
    expect(coverage(q(['categoryId']), INDEXES, [])).toMatchObject({ covered: false });
    expect(coverage(q(['departmentId'], ['createdAt']), INDEXES, [])).toMatchObject({ covered: false });
    expect(coverage(q(['reporterKey'], ['createdAt', '_id']), INDEXES, [])).toMatchObject({ covered: false });
    expect(coverage(q(['departmentId'], ['createdAt', 'dueAt']), INDEXES, [])).toMatchObject({ covered: false });
  });

  it('lets an unfiltered query use an index for its order only', () => {
    expect(coverage(q([], ['createdAt']), INDEXES, [])).toMatchObject({ covered: true });
    expect(coverage(q([], ['dueAt']), INDEXES, [])).toMatchObject({ covered: false });
  });
});
