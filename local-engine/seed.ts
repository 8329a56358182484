import { dispatch } from '../cloudfunctions/core/action';
import { tipoffFunction } from '../cloudfunctions/core/actions/tipoff';
import type { CoreDeps } from '../cloudfunctions/core/deps';
import { ASSIGNMENTS, QUIZZES, type QuizDoc } from '../cloudfunctions/core/actions/training';
import { CREDIT_CODES, ENTERPRISES } from '../cloudfunctions/core/enterprises';
import { PRIVACY_NOTICE } from '../cloudfunctions/core/privacy';
import { seedConfig } from '../cloudfunctions/core/town-config';
import { TOWN_ENTRIES } from '../cloudfunctions/core/town-store';
import { personId } from '../cloudfunctions/core/roles';
import { isoTown } from '../cloudfunctions/core/time';
import { townDay } from '../cloudfunctions/core/training/deadline';
import { USERS } from '../cloudfunctions/core/users';
import { DEMO_ENTERPRISES, demoIdentities } from './demo';
import { seedDemoInvites } from './demo-invites';
import { seedDrillDemo } from './drill-seed';
import { seedHistoryDemo } from './stats-seed';

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
  // The town's config as version 1 (config/town; town-store.ts), before the marker: older data folders get it too.
  for (const entry of Object.values(TOWN_ENTRIES)) await seedConfig<unknown>(db, entry, isoTown(deps.now()));
  const marker = await db.collection(META).where({ _id: 'seed' }).limit(1).get();
  // The training demo has its own marker: a data folder seeded before issue 9 gets it at its next start.
  if (marker.data.length > 0) {
    if (!process.env.JEST_WORKER_ID) await seedTrainingDemo(deps);
    if (!process.env.JEST_WORKER_ID) await seedDrillDemo(deps);
    await seedHistoryDemo(deps);
    return 'already-seeded';
  }

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
  // Not under jest: the training tests count quizzes and reminders from a clean slate (training-seed.test.ts
  // calls it directly).
  if (!process.env.JEST_WORKER_ID) await seedTrainingDemo(deps);
  if (!process.env.JEST_WORKER_ID) await seedDrillDemo(deps);
  // The dashboard's months of reports (stats-seed.ts; skipped under jest unless SEED_HISTORY=1).
  await seedHistoryDemo(deps);
  await db
    .collection(META)
    .doc('seed')
    .set({ data: { version: SEED_VERSION, at } });
  return 'seeded';
}

const DAY_MS = 86_400_000;

/**
 * Issue 9 demo: a town-wide 消防安全知识测验 (everyone, open now to 2026-12-31), a 重大事故隐患判定标准 exam for
 * workers, an ENT-DEMO quiz that manager-demo assigned, due in four days, and the June 2027 安全生产月 contest
 * (upcoming). Fixed ids and its own marker: runs once per data folder.
 */
export async function seedTrainingDemo(deps: CoreDeps): Promise<'seeded' | 'already-seeded'> {
  const { db } = deps;
  const marker = await db.collection(META).where({ _id: 'seed-training' }).limit(1).get();
  if (marker.data.length > 0) return 'already-seeded';
  const nowMs = deps.now().getTime();
  const at = isoTown(deps.now());
  const today = townDay(nowMs);
  const base = { createdAt: at, createdByName: '镇安委办 经办人' };
  const quizzes: QuizDoc[] = [
    {
      ...base,
      _id: 'demo-fire-2026',
      title: '消防安全知识测验',
      kind: 'exam',
      draw: [
        { topic: 'fire', count: 10 },
        { topic: 'evacuation', count: 5 },
      ],
      questionCount: 15,
      passPercent: 60,
      timeLimitMinutes: 20,
      attemptsAllowed: 0,
      opensOn: today < '2026-12-31' ? today : '2026-12-31',
      closesOn: '2026-12-31',
      audience: 'everyone',
    },
    {
      ...base,
      _id: 'demo-major-hazard-2026',
      title: '重大事故隐患判定标准考试',
      kind: 'exam',
      draw: [{ topic: 'major-hazard', count: 20 }],
      questionCount: 20,
      passPercent: 80,
      timeLimitMinutes: 30,
      attemptsAllowed: 3,
      opensOn: today < '2026-11-01' ? today : '2026-11-01',
      closesOn: '2026-12-31',
      audience: 'workers',
    },
    {
      ...base,
      _id: 'demo-ent-demo-induction',
      title: '庙行示范精密制造 岗前安全考试',
      kind: 'exam',
      draw: [
        { topic: 'major-hazard', count: 5 },
        { topic: 'fire', count: 5 },
        { topic: 'confined-space', count: 5 },
      ],
      questionCount: 15,
      passPercent: 80,
      timeLimitMinutes: 20,
      attemptsAllowed: 3,
      opensOn: today,
      closesOn: townDay(nowMs + 30 * DAY_MS),
      audience: 'enterprise',
      enterpriseId: 'ENT-DEMO',
      createdByName: '企业安全管理人员（演示）',
    },
    {
      ...base,
      _id: 'demo-contest-2027-06',
      title: '2027 安全生产月知识竞赛',
      kind: 'contest',
      draw: [
        { topic: 'major-hazard', count: 4 },
        { topic: 'fire', count: 3 },
        { topic: 'law', count: 3 },
      ],
      questionCount: 10,
      passPercent: 60,
      timeLimitMinutes: 10,
      // A contest's limit counts per day: one round a day.
      attemptsAllowed: 1,
      opensOn: '2027-06-01',
      closesOn: '2027-06-30',
      audience: 'everyone',
    },
  ];
  for (const { _id, ...quiz } of quizzes) {
    await db.collection(QUIZZES).doc(_id).set({ data: quiz });
  }
  await db
    .collection(ASSIGNMENTS)
    .doc('demo-ent-demo-induction_ENT-DEMO')
    .set({
      data: {
        quizId: 'demo-ent-demo-induction',
        quizTitle: '庙行示范精密制造 岗前安全考试',
        enterpriseId: 'ENT-DEMO',
        dueOn: townDay(nowMs + 4 * DAY_MS),
        byName: '企业安全管理人员（演示）',
        at,
      },
    });
  await db.collection(META).doc('seed-training').set({ data: { at } });
  return 'seeded';
}
