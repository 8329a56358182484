// Issue 10 demo: an evacuation drill of ENT-DEMO planned by manager-demo, open for check-in from now for four
// hours at the 园区 (yq) centre, so the run page, the QR and a check-in can be tried at once. Fixed id and its own
// marker: runs once per data folder (not under jest: the drill tests count from a clean slate).
import type { CoreDeps } from '../cloudfunctions/core/deps';
import { DRILLS, type DrillDoc } from '../cloudfunctions/core/drills/docs';
import { isoTown } from '../cloudfunctions/core/time';

const META = 'meta';
export const DEMO_DRILL_ID = 'demo-drill-ent-demo';

export async function seedDrillDemo(deps: CoreDeps): Promise<'seeded' | 'already-seeded'> {
  const { db, town } = deps;
  const marker = await db.collection(META).where({ _id: 'seed-drill' }).limit(1).get();
  if (marker.data.length > 0) return 'already-seeded';
  const now = deps.now().getTime();
  const at = isoTown(new Date(now));
  const area = town.area('yq');
  const location = {
    latitude: area?.latitude ?? 31.3318,
    longitude: area?.longitude ?? 121.4447,
    address: '庙行示范精密制造 东侧空地（集合点）',
  };
  const drill: Omit<DrillDoc, '_id'> = {
    title: '一号车间火灾疏散演练',
    type: 'evacuation',
    status: 'planned',
    owner: 'ENT-DEMO',
    enterpriseId: 'ENT-DEMO',
    organizer: '庙行示范精密制造有限公司',
    audience: 'workers',
    location,
    radiusM: 200,
    startAt: isoTown(new Date(now + 10 * 60_000)),
    endAt: isoTown(new Date(now + 4 * 3600_000)),
    expectedCount: 2,
    commander: '王安全',
    scenario: '一号车间配电间起火冒烟，警报拉响后全员按疏散路线撤离到东侧空地集合清点人数',
    createdBy: 'manager-demo',
    createdAt: at,
  };
  await db.collection(DRILLS).doc(DEMO_DRILL_ID).set({ data: drill });
  await db.collection(META).doc('seed-drill').set({ data: { at } });
  return 'seeded';
}
