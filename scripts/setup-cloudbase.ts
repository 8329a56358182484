// `npm run setup:cloudbase`: brings a CloudBase environment's database and storage in line with the code —
// every collection of cloudfunctions/core/collections.ts, its field and 2dsphere indexes, "functions only"
// permissions, and storage readable by its uploader only. Functions themselves are deployed by the CLI or
// DevTools (README). Idempotent: what exists is left alone; only what is missing is created or changed.
//
// Needs TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (a CAM key allowed to manage the environment) and
// CLOUDBASE_ENV (the environment id). Without them it prints the whole plan and says it skipped it.
import { COLLECTIONS, type CollectionAcl, type CollectionDecl } from '../cloudfunctions/core/collections';

/** Index key directions CloudBase accepts (UpdateTable MgoIndexKeys.Direction). */
export type Direction = '1' | '-1' | '2dsphere';
export interface IndexSpec {
  name: string;
  keys: { field: string; direction: Direction }[];
}

/**
 * Storage: "仅创建者可读写" (PRIVATE: the uploader and the functions). Photos are shown only through
 * short-lived URLs a function hands out (getTempFileURL), never read directly by another user.
 */
export const STORAGE_ACL = 'PRIVATE';

/** What the environment already has, as far as the plan cares. */
export interface CloudState {
  collections: Map<string, { indexes: IndexSpec[]; acl?: string }>;
  storageAcl?: string;
}

export type SetupOp =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: IndexSpec }
  | { kind: 'setAcl'; collection: string; acl: CollectionAcl; from?: string }
  | { kind: 'setStorageAcl'; acl: typeof STORAGE_ACL; from?: string };

export interface SetupPlan {
  ops: SetupOp[];
  /** Things left alone that a person should look at (an index name taken by other keys). */
  warnings: string[];
}

/** The indexes a declaration asks for, named the way MongoDB names them by default (`field_1_other_1`). */
export function indexSpecs(decl: CollectionDecl): IndexSpec[] {
  const spec = (keys: IndexSpec['keys']): IndexSpec => ({
    name: keys.map((k) => `${k.field}_${k.direction}`).join('_'),
    keys,
  });
  return [
    ...decl.indexes.map((fields) => spec(fields.map((field) => ({ field, direction: '1' as const })))),
    ...decl.geo.map((field) => spec([{ field, direction: '2dsphere' }])),
  ];
}

const sameKeys = (a: IndexSpec, b: IndexSpec) =>
  a.keys.length === b.keys.length &&
  a.keys.every((k, i) => k.field === b.keys[i].field && k.direction === b.keys[i].direction);

/**
 * The operations that make `state` match the declarations. `state` null means "not known" (no credentials):
 * everything is planned, as for an empty environment.
 */
export function planSetup(decls: readonly CollectionDecl[], state: CloudState | null): SetupPlan {
  const ops: SetupOp[] = [];
  const warnings: string[] = [];
  for (const decl of decls) {
    const existing = state?.collections.get(decl.name);
    if (!existing) ops.push({ kind: 'createCollection', collection: decl.name });
    for (const index of indexSpecs(decl)) {
      const have = existing?.indexes ?? [];
      if (have.some((h) => sameKeys(h, index))) continue;
      const clash = have.find((h) => h.name === index.name);
      if (clash) {
        warnings.push(`${decl.name}: index ${index.name} exists with other keys; left alone, check it in the console`);
        continue;
      }
      ops.push({ kind: 'createIndex', collection: decl.name, index });
    }
    if (existing?.acl !== decl.acl)
      ops.push({ kind: 'setAcl', collection: decl.name, acl: decl.acl, from: existing?.acl });
  }
  if (state?.storageAcl !== STORAGE_ACL) ops.push({ kind: 'setStorageAcl', acl: STORAGE_ACL, from: state?.storageAcl });
  return { ops, warnings };
}

export function describeOp(op: SetupOp): string {
  switch (op.kind) {
    case 'createCollection':
      return `create collection ${op.collection}`;
    case 'createIndex':
      return `create index ${op.collection}.${op.index.name} (${op.index.keys.map((k) => `${k.field} ${k.direction}`).join(', ')})`;
    case 'setAcl':
      return `set ${op.collection} permission ${op.from ?? '(new)'} → ${op.acl} (仅管理端/云函数可读写)`;
    case 'setStorageAcl':
      return `set storage permission ${op.from ?? '(unknown)'} → ${op.acl} (仅创建者可读写)`;
  }
}

// --- the CloudBase side: thin calls to @cloudbase/manager-node ---------------------------------------------

type Manager = InstanceType<typeof import('@cloudbase/manager-node')>;

async function readState(app: Manager, envId: string, decls: readonly CollectionDecl[]): Promise<CloudState> {
  const tcb = app.commonService('tcb');
  const collections: CloudState['collections'] = new Map();
  for (const decl of decls) {
    if (!(await app.database.checkCollectionExists(decl.name)).Exists) continue;
    const { Indexes = [] } = await app.database.describeCollection(decl.name);
    const { AclTag } = await tcb.call({
      Action: 'DescribeDatabaseACL',
      Param: { EnvId: envId, CollectionName: decl.name },
    });
    collections.set(decl.name, {
      acl: AclTag,
      indexes: Indexes.map((i) => ({
        name: i.Name,
        keys: i.Keys.map((k) => ({ field: k.Name ?? '', direction: (k.Direction ?? '1') as Direction })),
      })),
    });
  }
  return { collections, storageAcl: await app.storage.getStorageAcl() };
}

async function apply(app: Manager, envId: string, op: SetupOp): Promise<void> {
  switch (op.kind) {
    case 'createCollection':
      await app.database.createCollectionIfNotExists(op.collection);
      return;
    case 'createIndex':
      await app.database.updateCollection(op.collection, {
        CreateIndexes: [
          {
            IndexName: op.index.name,
            MgoKeySchema: {
              MgoIsUnique: false,
              MgoIndexKeys: op.index.keys.map((k) => ({ Name: k.field, Direction: k.direction })),
            },
          },
        ],
      });
      return;
    case 'setAcl':
      await app.commonService('tcb').call({
        Action: 'ModifyDatabaseACL',
        Param: { EnvId: envId, CollectionName: op.collection, AclTag: op.acl },
      });
      return;
    case 'setStorageAcl':
      await app.storage.setStorageAcl(op.acl);
  }
}

export async function main(env: Record<string, string | undefined> = process.env, log = console.log): Promise<void> {
  const secretId = env.TENCENTCLOUD_SECRETID;
  const secretKey = env.TENCENTCLOUD_SECRETKEY;
  const envId = env.CLOUDBASE_ENV;
  if (!secretId || !secretKey || !envId) {
    const plan = planSetup(COLLECTIONS, null);
    for (const decl of COLLECTIONS) {
      log(`${decl.name} (${decl.purpose}):`);
      for (const op of plan.ops.filter((o) => 'collection' in o && o.collection === decl.name))
        log(`  would ${describeOp(op)}`);
    }
    for (const op of plan.ops.filter((o) => !('collection' in o))) log(`would ${describeOp(op)}`);
    log(
      '\nSkipped: nothing was changed. Set TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY and CLOUDBASE_ENV to apply this plan.',
    );
    return;
  }
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const app = new CloudBase({ secretId, secretKey, envId });
  const plan = planSetup(COLLECTIONS, await readState(app, envId, COLLECTIONS));
  for (const warning of plan.warnings) log(`warning: ${warning}`);
  if (plan.ops.length === 0) log(`${envId}: already up to date (${COLLECTIONS.length} collections).`);
  for (const op of plan.ops) {
    log(describeOp(op));
    await apply(app, envId, op);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
