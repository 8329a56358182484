import { dispatch } from '../cloudfunctions/core/action';
import { tipoffFunction } from '../cloudfunctions/core/actions/tipoff';
import type { CoreDeps } from '../cloudfunctions/core/deps';
import { CREDIT_CODES, ENTERPRISES } from '../cloudfunctions/core/enterprises';
import { PRIVACY_NOTICE } from '../cloudfunctions/core/privacy';
import { personId } from '../cloudfunctions/core/roles';
import { isoTown } from '../cloudfunctions/core/time';
import { USERS } from '../cloudfunctions/core/users';
import { DEMO_ENTERPRISES, demoIdentities } from './demo';
import { seedDemoInvites } from './demo-invites';

export const SEED_VERSION = 1;
const META = 'meta';

/** A few reports so a fresh queue is not empty; filed through the real submit action. */
const SAMPLE_TIPOFFS = [
  {
    requestId: 'seed-sample-0001',
    categoryId: 'fire-passage',
    description: '共康二村 12 号楼北侧消防通道长期停放私家车，消防车无法通行。',
    areaId: 'gk2',
    address: '共康二村 12 号楼北侧',
  },
  {
    requestId: 'seed-sample-0002',
    categoryId: 'ebike-charging',
    description: '楼道里有人从三楼窗户拉电线给电动自行车飞线充电，晚上一直在充。',
    areaId: 'gk5',
    address: '共康五村 3 号楼',
  },
  {
    requestId: 'seed-sample-0003',
    categoryId: 'elevator',
    description: '小区电梯近一周多次突然停顿，昨天有老人被困十分钟。',
    areaId: 'xky',
    address: '馨康苑 5 号楼电梯',
  },
];

/**
 * Seeds the demo data of DESIGN.md §8 on first start. A marker document makes it run once:
 * a second start changes nothing.
 */
export async function seedDemoData(deps: CoreDeps): Promise<'seeded' | 'already-seeded'> {
  const { db, town } = deps;
  const marker = await db.collection(META).where({ _id: 'seed' }).limit(1).get();
  if (marker.data.length > 0) return 'already-seeded';

  const at = isoTown(deps.now());
  for (const person of demoIdentities(town)) {
    const { openid, label, ...rest } = person;
    await db
      .collection(USERS)
      .doc(openid)
      .set({
        data: {
          ...rest,
          displayName: label,
          // Listed by people.list under their personId, like anyone who bound a code.
          personId: personId(openid, deps.reporterKeySecret),
          ...(rest.roles.some((r) => r !== 'resident') ? { since: at } : {}),
          demo: true,
          createdAt: at,
        },
      });
  }
  for (const { _id, ...enterprise } of DEMO_ENTERPRISES) {
    await db
      .collection(ENTERPRISES)
      .doc(_id)
      .set({ data: { ...enterprise, createdAt: at, approvedAt: at } });
    // The guard enterprise.register checks: the demo codes are taken like any registered one.
    await db
      .collection(CREDIT_CODES)
      .doc(enterprise.creditCode)
      .set({ data: { enterpriseId: _id, at } });
  }
  for (const sample of SAMPLE_TIPOFFS) {
    const area = town.area(sample.areaId);
    if (!area) throw new Error(`seed: unknown area ${sample.areaId}`);
    const { address, ...rest } = sample;
    const res = await dispatch(
      tipoffFunction,
      {
        action: 'submit',
        ...rest,
        photos: [],
        location: { latitude: area.latitude, longitude: area.longitude, address },
        anonymous: true,
        suspectedMajor: false,
        privacyVersion: PRIVACY_NOTICE.seed.version,
      },
      'resident-demo',
      deps,
    );
    if (!res.ok) throw new Error(`seed: sample report rejected: ${res.error.message}`);
  }
  await seedDemoInvites(deps);
  await db
    .collection(META)
    .doc('seed')
    .set({ data: { version: SEED_VERSION, at } });
  return 'seeded';
}
