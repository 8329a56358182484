// The set-up script's plan: declarations in, operations out; what exists is left alone.
import { COLLECTIONS, type CollectionDecl } from '../cloudfunctions/core/collections';
import { describeOp, indexSpecs, main, planSetup, STORAGE_ACL, type CloudState } from './setup-cloudbase';

const tipoffs: CollectionDecl = {
  name: 'tipoffs',
  acl: 'ADMINONLY',
  indexes: [['departmentId', 'dueAt'], ['trackingCode']],
  geo: ['geo'],
  purpose: 'test',
};
const audits: CollectionDecl = { name: 'audits', acl: 'ADMINONLY', indexes: [], geo: [], purpose: 'test' };

describe('indexSpecs', () => {
  it('names field indexes the MongoDB way and gives geo fields a 2dsphere index', () => {
    expect(indexSpecs(tipoffs)).toEqual([
      {
        name: 'departmentId_1_dueAt_1',
        keys: [
          { field: 'departmentId', direction: '1' },
          { field: 'dueAt', direction: '1' },
        ],
      },
      { name: 'trackingCode_1', keys: [{ field: 'trackingCode', direction: '1' }] },
      { name: 'geo_2dsphere', keys: [{ field: 'geo', direction: '2dsphere' }] },
    ]);
  });
});

describe('planSetup', () => {
  it('on an empty or unknown environment: every collection, index and permission, then storage', () => {
    const empty: CloudState = { collections: new Map() };
    for (const state of [null, empty]) {
      expect(planSetup([tipoffs, audits], state).ops.map(describeOp)).toEqual([
        'create collection tipoffs',
        'create index tipoffs.departmentId_1_dueAt_1 (departmentId 1, dueAt 1)',
        'create index tipoffs.trackingCode_1 (trackingCode 1)',
        'create index tipoffs.geo_2dsphere (geo 2dsphere)',
        'set tipoffs permission (new) → ADMINONLY (仅管理端/云函数可读写)',
        'create collection audits',
        'set audits permission (new) → ADMINONLY (仅管理端/云函数可读写)',
        expect.stringMatching(/^set storage permission \(unknown\) → PRIVATE/),
      ]);
    }
  });

  it('leaves alone what exists (same keys under any name) and adds only what is missing', () => {
    const state: CloudState = {
      collections: new Map([
        [
          'tipoffs',
          {
            acl: 'READONLY',
            indexes: [
              { name: '_id_', keys: [{ field: '_id', direction: '1' }] },
              // made by hand in the console under another name: the same index, not created twice
              {
                name: 'by_dept',
                keys: [
                  { field: 'departmentId', direction: '1' },
                  { field: 'dueAt', direction: '1' },
                ],
              },
            ],
          },
        ],
        ['audits', { acl: 'ADMINONLY', indexes: [] }],
      ]),
      storageAcl: STORAGE_ACL,
    };
    expect(planSetup([tipoffs, audits], state)).toEqual({
      ops: [
        { kind: 'createIndex', collection: 'tipoffs', index: indexSpecs(tipoffs)[1] },
        { kind: 'createIndex', collection: 'tipoffs', index: indexSpecs(tipoffs)[2] },
        { kind: 'setAcl', collection: 'tipoffs', acl: 'ADMINONLY', from: 'READONLY' },
      ],
      warnings: [],
    });
  });

  it('is idempotent: applying the plan and planning again gives nothing to do', () => {
    const state: CloudState = { collections: new Map() };
    for (const op of planSetup(COLLECTIONS, state).ops) {
      if (op.kind === 'createCollection') state.collections.set(op.collection, { indexes: [] });
      if (op.kind === 'createIndex') state.collections.get(op.collection)!.indexes.push(op.index);
      if (op.kind === 'setAcl') state.collections.get(op.collection)!.acl = op.acl;
      if (op.kind === 'setStorageAcl') state.storageAcl = op.acl;
    }
    expect(planSetup(COLLECTIONS, state)).toEqual({ ops: [], warnings: [] });
  });

  it('does not overwrite an index whose name is taken by other keys: it warns instead', () => {
    const state: CloudState = {
      collections: new Map([
        [
          'tipoffs',
          { acl: 'ADMINONLY', indexes: [{ name: 'trackingCode_1', keys: [{ field: 'no', direction: '1' }] }] },
        ],
      ]),
      storageAcl: STORAGE_ACL,
    };
    const plan = planSetup([tipoffs], state);
    expect(plan.ops.map((o) => o.kind)).toEqual(['createIndex', 'createIndex']);
    expect(plan.warnings).toEqual([expect.stringContaining('trackingCode_1 exists with other keys')]);
  });
});

describe('main without credentials', () => {
  it('prints what it would do per collection and says it skipped, changing nothing', async () => {
    const lines: string[] = [];
    await main({}, (line: string) => lines.push(line));
    const out = lines.join('\n');
    for (const decl of COLLECTIONS) expect(out).toContain(`${decl.name} (${decl.purpose}):`);
    expect(out).toContain('would create index tipoffs.geo_2dsphere (geo 2dsphere)');
    expect(out).toMatch(/Skipped: nothing was changed/);
    expect(out).toContain('TENCENTCLOUD_SECRETID');
  });
});
