// Test helpers: a valid-shaped input for every action, on fixtures made through the real actions.
import { CHECKLISTS, checklistsFor } from '../cloudfunctions/core/checklists';
import { PRIVACY_NOTICE } from '../cloudfunctions/core/privacy';
import { personId } from '../cloudfunctions/core/roles';
import type { TestEnv } from './test-support';
import { validSubmission } from './test-support';

export type Input = Record<string, unknown>;

export interface Fixtures {
  /** A report filed by resident-demo, routed to 城建 (CJ), still open. */
  tipoffId: string;
  trackingCode: string;
  /** A second open 城建 report (a merge target). */
  otherTipoffId: string;
  /** A 城建 ledger entry made by staff-CJ. */
  ledgerId: string;
  /** A 曝光台 item on the board now (挂牌督办 of a second 城建 ledger entry by admin-demo): exposure.withdraw. */
  exposureId: string;
  /** A report of resident-demo that 城建 rejected (ended: it may be rated once). */
  endedTipoffId: string;
  endedTrackingCode: string;
  /** 城建 reports moved on by staff-CJ: 已受理, 已核查, 整改中 (so each queue step meets a case it may take). */
  acceptedId: string;
  verifiedId: string;
  rectifyingId: string;
  /** A 城建 staff invite code issued by admin-demo (500 uses), its id, and another active one to revoke. */
  inviteCode: string;
  inviteId: string;
  spareInviteId: string;
  /** The personId of `fixture-person`, who bound `inviteCode` (城建 staff). */
  personId: string;
  /** An anonymous founded report of `fixture-4` whose reward (¥50) the leader approved: claimable, unclaimed. */
  approvedRewardId: string;
  approvedTrackingCode: string;
  /** The 消防安全 questions exported by admin-demo as an .xlsx, base64 (trainingio.importQuestions). */
  questionSheet: string;
  /** A town-wide training quiz set by admin-demo, open all of 2026–2027, and an open attempt of resident-demo. */
  quizId: string;
  attemptId: string;
  /** A 安全生产月-style contest (kind contest) over the same window: leaderboards. */
  contestId: string;
  /** An ENT-DEMO evacuation drill planned by manager-demo, open for check-in now, and a current QR token of it. */
  drillId: string;
  drillToken: string;
}

const VERIFY = { step: 'verify', founded: true, note: '现场核实情况属实', major: false };
const ORDER = { step: 'order', deadline: '2026-12-10', measures: '更换锈蚀管段', responsibleUnit: '共康五村物业' };

/** Files a report as `openid` and takes `steps` on it as staff-CJ; returns the report. */
async function fileAndDrive(env: TestEnv, openid: string, steps: Input[]) {
  const filed = await env.call('tipoff', 'submit', validSubmission(), openid);
  if (!filed.ok) throw new Error(`fixture refused: ${JSON.stringify(filed.error)}`);
  for (const step of steps) {
    const res = await env.call('queue', 'act', { ...step, id: filed.data.id }, 'staff-CJ');
    if (!res.ok) throw new Error(`fixture step refused: ${JSON.stringify(res.error)}`);
  }
  return filed.data as { id: string; trackingCode: string };
}

/** The 消防安全 questions as an .xlsx (题库管理 opens with training.questions, which seeds the bank). */
async function questionSheetFixture(env: TestEnv): Promise<string> {
  const seeded = await env.call('training', 'questions', { page: 1, pageSize: 1 }, 'admin-demo');
  if (!seeded.ok) throw new Error(`fixture refused: ${JSON.stringify(seeded.error)}`);
  const sheet = await env.call('trainingio', 'exportQuestions', { topic: 'fire' }, 'admin-demo');
  if (!sheet.ok) throw new Error(`fixture refused: ${JSON.stringify(sheet.error)}`);
  return sheet.data.base64 as string;
}

/** A new 消防安全 question for training.saveQuestion (no id: the next free fi-nnn). */
const NEW_QUESTION = {
  topic: 'fire',
  type: 'single',
  stem: '发现电动自行车在楼道内充电，应当怎么做？',
  options: [
    { key: 'A', text: '劝阻并报告物业，把车移到集中充电点' },
    { key: 'B', text: '等充满电再说' },
    { key: 'C', text: '用湿毛巾盖住电池' },
  ],
  answer: ['A'],
  explanation: '电动自行车不得在楼道、安全出口等公共区域停放充电，应到集中充电场所充电。',
  source: { doc: '《高层民用建筑消防安全管理规定》', article: '第三十七条' },
  difficulty: 1,
};

/** Files the reports and the ledger entry the samples refer to. */
export async function makeFixtures(env: TestEnv): Promise<Fixtures> {
  const a = await fileAndDrive(env, 'resident-demo', []);
  const b = await fileAndDrive(env, 'worker-demo', []);
  const ended = await fileAndDrive(env, 'resident-demo', [{ step: 'reject', reason: '不属于安全隐患' }]);
  // Different reporters: per-person submit limits stay out of the way.
  const accepted = await fileAndDrive(env, 'fixture-1', [{ step: 'accept' }]);
  const verified = await fileAndDrive(env, 'fixture-2', [{ step: 'accept' }, VERIFY]);
  const rectifying = await fileAndDrive(env, 'fixture-3', [{ step: 'accept' }, VERIFY, ORDER]);
  const ledger = await env.call('admin', 'ledgerCreate', ledgerCreateSample(), 'staff-CJ');
  if (!ledger.ok) throw new Error(`fixture refused: ${JSON.stringify(ledger.error)}`);
  const supervised = await env.call('admin', 'ledgerCreate', ledgerCreateSample(), 'staff-CJ');
  const listed =
    supervised.ok &&
    (await env.call(
      'exposure',
      'supervise',
      { ledgerId: supervised.data.id, note: '限期整改，挂牌督办' },
      'admin-demo',
    ));
  if (!listed || !listed.ok)
    throw new Error(`fixture refused: ${JSON.stringify(listed ? listed.error : supervised.error)}`);
  const issue = async () => {
    const res = await env.call(
      'people',
      'invite',
      { role: 'staff', departmentId: 'CJ', uses: 500, expiresInDays: 90 },
      'admin-demo',
    );
    if (!res.ok) throw new Error(`fixture refused: ${JSON.stringify(res.error)}`);
    return res.data as { id: string; code: string };
  };
  const invite = await issue();
  const spare = await issue();
  const bound = await env.call('user', 'bind', { code: invite.code, name: '样例人员' }, 'fixture-person');
  if (!bound.ok) throw new Error(`fixture refused: ${JSON.stringify(bound.error)}`);
  const rewarded = await fileAndDrive(env, 'fixture-4', [{ step: 'accept' }, VERIFY]);
  const approvedRewardId = `rw_${rewarded.id}`;
  for (const [action, input, openid] of [
    ['decide', { reportId: rewarded.id, approved: true, amount: 5000, basis: '及时发现燃气隐患' }, 'admin-demo'],
    ['approve', { rewardId: approvedRewardId, approved: true }, 'leader-demo'],
  ] as const) {
    const res = await env.call('reward', action, input, openid);
    if (!res.ok) throw new Error(`fixture refused: ${JSON.stringify(res.error)}`);
  }
  return {
    tipoffId: a.id,
    trackingCode: a.trackingCode,
    otherTipoffId: b.id,
    ledgerId: ledger.data.id,
    exposureId: listed.data.id,
    endedTipoffId: ended.id,
    endedTrackingCode: ended.trackingCode,
    acceptedId: accepted.id,
    verifiedId: verified.id,
    rectifyingId: rectifying.id,
    inviteCode: invite.code,
    inviteId: invite.id,
    spareInviteId: spare.id,
    personId: personId('fixture-person', env.runtime.deps.reporterKeySecret),
    approvedRewardId,
    approvedTrackingCode: rewarded.trackingCode,
    questionSheet: await questionSheetFixture(env),
    ...(await trainingFixtures(env)),
    ...(await drillFixtures(env)),
  };
}

/** A drill of ENT-DEMO by manager-demo around the test clock (2026-11-28 10:00), at its assembly point. */
export function drillSample(overrides: Input = {}): Input {
  return {
    title: '一号车间疏散演练',
    type: 'evacuation',
    startAt: '2026-11-28T09:50:00+08:00',
    endAt: '2026-11-28T18:00:00+08:00',
    location: { latitude: 31.3318, longitude: 121.4447, address: '庙行镇示范路 88 号东侧空地' },
    radiusM: 100,
    audience: 'workers',
    commander: '王安全',
    scenario: '一号车间配电间起火，全员按疏散路线撤离到东侧空地集合',
    ...overrides,
  };
}

async function drillFixtures(env: TestEnv): Promise<{ drillId: string; drillToken: string }> {
  const drill = await env.call('drill', 'create', drillSample(), 'manager-demo');
  if (!drill.ok) throw new Error(`fixture refused: ${JSON.stringify(drill.error)}`);
  const qr = await env.call('drill', 'qr', { drillId: drill.data.id }, 'manager-demo');
  if (!qr.ok) throw new Error(`fixture refused: ${JSON.stringify(qr.error)}`);
  return { drillId: drill.data.id, drillToken: qr.data.token };
}

function quizSample(): Input {
  return {
    title: '消防安全知识测验',
    draw: [
      { topic: 'fire', count: 5 },
      { topic: 'evacuation', count: 5 },
    ],
    passPercent: 60,
    timeLimitMinutes: 20,
    attemptsAllowed: 0,
    opensOn: '2026-01-01',
    closesOn: '2027-12-31',
    audience: 'everyone',
  };
}

async function trainingFixtures(env: TestEnv): Promise<{ quizId: string; attemptId: string; contestId: string }> {
  const quiz = await env.call('training', 'quizCreate', quizSample(), 'admin-demo');
  if (!quiz.ok) throw new Error(`fixture refused: ${JSON.stringify(quiz.error)}`);
  const attempt = await env.call('training', 'start', { quizId: quiz.data.id }, 'resident-demo');
  if (!attempt.ok) throw new Error(`fixture refused: ${JSON.stringify(attempt.error)}`);
  const contest = await env.call(
    'training',
    'quizCreate',
    { ...quizSample(), title: '安全生产月知识竞赛', kind: 'contest', attemptsAllowed: 1 },
    'admin-demo',
  );
  if (!contest.ok) throw new Error(`fixture refused: ${JSON.stringify(contest.error)}`);
  return { quizId: quiz.data.id, attemptId: attempt.data.id, contestId: contest.data.id };
}

/** A whole self-inspection of ENT-DEMO (工贸（涉爆粉尘）) against the seed checklists, every line answered alike. */
function selfInspectSample(result: 'ok' | 'na'): Input {
  return {
    requestId: `si-${Math.random().toString(36).slice(2, 12)}`,
    version: 1,
    leaderName: '王安全',
    items: checklistsFor(CHECKLISTS.seed, 'trade-dust').flatMap((l) => l.items.map((i) => ({ id: i.id, result }))),
  };
}

function ledgerCreateSample(): Input {
  return {
    source: 'inspection',
    title: '配电箱门损坏',
    description: '配电箱门损坏，带电部位外露',
    categoryId: 'fire-other',
    enterpriseName: '共康便民超市',
    address: '共康五村 3 号楼底商',
    deadline: '2026-12-10',
  };
}

/**
 * Valid-shaped inputs per `fn.action` (fresh objects on every call). Some may still be refused for
 * the state they meet (CONFLICT, NOT_FOUND): they exist to get past the schema into the action.
 * An action without an entry gets `{}`.
 */
export function sampleInputs(f: Fixtures): Record<string, (() => Input)[]> {
  const id = f.tipoffId;
  const note = '现场核实情况属实';
  return {
    'user.login': [() => ({})],
    'user.uploadKey': [() => ({ scope: 'report:req-12345678' }), () => ({ scope: `rectify:${id}` })],
    'user.messages': [() => ({ page: 1, pageSize: 20 })],
    'user.readMessages': [() => ({}), () => ({ ids: ['m1', 'm2'] })],
    'user.privacy': [() => ({})],
    'user.consent': [() => ({ version: PRIVACY_NOTICE.seed.version })],
    'user.myData': [() => ({})],
    // Deletes its caller's own data: harnesses run it as a throwaway copy of the person (callerFor below).
    'user.deleteMe': [() => ({ confirm: '删除' })],
    'tipoff.options': [() => ({})],
    'tipoff.submit': [
      () => validSubmission(),
      () => validSubmission({ anonymous: false, contact: { name: '李四', phone: '13800138000' } }),
    ],
    'tipoff.mine': [() => ({ page: 1, pageSize: 20 })],
    'tipoff.detail': [() => ({ id })],
    'tipoff.track': [() => ({ trackingCode: f.trackingCode })],
    'tipoff.nearby': [() => ({ latitude: 31.3318, longitude: 121.4447, categoryId: 'gas-facility' })],
    'tipoff.follow': [() => ({ id })],
    'tipoff.rate': [
      () => ({ id: f.endedTipoffId, score: 5, comment: '处理及时' }),
      () => ({ trackingCode: f.endedTrackingCode, score: 4 }),
      () => ({ id, score: 3 }),
    ],
    'tipoff.urge': [() => ({ id }), () => ({ trackingCode: f.trackingCode })],
    'queue.list': [
      () => ({ page: 1, pageSize: 20 }),
      () => ({
        status: 'assigned',
        overdue: true,
        categoryId: 'gas-facility',
        areaId: 'gk5',
        major: true,
        page: 2,
        pageSize: 5,
      }),
      () => ({ tab: 'inProgress', scope: 'town', overdue: true, page: 1, pageSize: 20 }),
      () => ({ tab: 'toAccept', channel: 'hotline12345', page: 1, pageSize: 20 }),
      () => ({ channel: 'app', scope: 'town', page: 1, pageSize: 20 }),
    ],
    'queue.counts': [
      () => ({}),
      () => ({ categoryId: 'gas-facility', areaId: 'gk5', overdue: true, major: true, scope: 'department' }),
      () => ({ scope: 'town' }),
      () => ({ channel: 'suishenpai' }),
      () => ({ channel: 'app', scope: 'town' }),
    ],
    'queue.detail': [() => ({ id })],
    'queue.mergeCandidates': [() => ({ id })],
    'queue.act': [
      () => ({ step: 'accept', id }),
      () => ({ ...VERIFY, id: f.acceptedId, note, grade: 'general' }),
      () => ({ ...ORDER, id: f.verifiedId }),
      () => ({ step: 'rectified', id: f.rectifyingId, evidence: ['local-evidence.jpg'], note: '已更换管段' }),
      () => ({ step: 'signoff', id, approved: true, note: '复核通过' }),
      () => ({ step: 'transfer', id, toDepartmentId: 'XF', reason: '属消防职责' }),
      () => ({ step: 'merge', id, intoId: f.otherTipoffId }),
      () => ({ step: 'reject', id, reason: '不属于安全隐患' }),
      () => ({ step: 'extend', id: f.verifiedId, reason: '需协调多个部门' }),
    ],
    // The verified fixture (founded at 城建) opened the reward case `rw_<verifiedId>`.
    'queue.fine': [() => ({ id: f.verifiedId, amountFen: 3_000_000 }), () => ({ id, amountFen: 0 })],
    'queue.record': [
      () => ({
        requestId: `rec-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        channel: 'hotline12345',
        externalNo: `GD${Date.now()}${Math.floor(Math.random() * 1e6)}`,
        categoryId: 'gas-facility',
        areaId: 'gk5',
        description: '12345 来电：小区燃气管道有异味',
        location: { latitude: 31.3318, longitude: 121.4447, address: '共康五村 3 号楼' },
        contact: { name: '王先生', phone: '021-56781234' },
      }),
      () => ({
        requestId: `rec-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        channel: 'visit',
        categoryId: 'gas-facility',
        areaId: 'gk5',
        description: '来访反映：楼道堆放液化气罐',
        location: { latitude: 31.3318, longitude: 121.4447, address: '共康五村 5 号楼' },
      }),
    ],
    'reward.policy': [() => ({})],
    'reward.setPolicy': [
      () => ({
        policy: {
          general: { minFen: 5000, maxFen: 50000 },
          major: { rateBasisPoints: 1500, minFen: 300000, maxFen: 30000000 },
          eligibility: {
            firstReporterOnly: true,
            excludeAlreadyKnown: true,
            excludeDepartmentStaff: true,
            excludeEnterpriseManagers: true,
          },
        },
        note: '按区里新标准调整',
      }),
    ],
    'reward.pending': [() => ({ page: 1, pageSize: 20 }), () => ({ status: 'decided', page: 1, pageSize: 10 })],
    'reward.decide': [
      () => ({ reportId: f.verifiedId, approved: true, amount: 5000, basis: '及时发现燃气隐患' }),
      () => ({ reportId: f.verifiedId, approved: false, basis: '举报内容与核查不符', enterpriseId: 'ENT-DEMO' }),
    ],
    'reward.approve': [
      () => ({ rewardId: `rw_${f.verifiedId}`, approved: true }),
      () => ({ rewardId: `rw_${f.verifiedId}`, approved: false, note: '金额偏高' }),
    ],
    'reward.pay': [() => ({ rewardId: `rw_${f.verifiedId}`, reference: 'ZF-2026-0001' })],
    'reward.mine': [() => ({ page: 1, pageSize: 20 })],
    'reward.byCode': [() => ({ trackingCode: f.approvedTrackingCode }), () => ({ trackingCode: f.trackingCode })],
    'reward.claim': [
      () => ({ trackingCode: f.approvedTrackingCode, name: '张三', phone: '13800138000' }),
      () => ({ trackingCode: f.trackingCode.toLowerCase(), name: '李四', phone: '13900139000' }),
    ],
    'reward.identity': [
      () => ({ rewardId: f.approvedRewardId, reason: '核对领奖人身份以便发放' }),
      () => ({ rewardId: `rw_${f.verifiedId}`, reason: '核对领奖人身份' }),
    ],
    'reward.identityReads': [() => ({ page: 1, pageSize: 20 }), () => ({ page: 2, pageSize: 5 })],
    'training.lessons': [() => ({})],
    'training.lesson': [() => ({ topic: 'fire' }), () => ({ topic: 'major-hazard' })],
    'training.lessonRead': [() => ({ topic: 'fire', sectionId: 'duty' })],
    'training.quizCreate': [
      () => quizSample(),
      () => ({ ...quizSample(), audience: 'enterprise', enterpriseId: 'ENT-DEMO', attemptsAllowed: 2 }),
    ],
    'training.quizzes': [() => ({})],
    'training.start': [() => ({ quizId: f.quizId })],
    'training.save': [
      () => ({ attemptId: f.attemptId, n: 1, answer: ['A'] }),
      () => ({ attemptId: f.attemptId, n: 2, answer: ['A', 'B'] }),
    ],
    'training.submit': [() => ({ attemptId: f.attemptId })],
    'training.review': [() => ({ attemptId: f.attemptId })],
    'training.history': [() => ({ page: 1, pageSize: 20 })],
    'training.practice': [() => ({ topic: 'fire' }), () => ({ wrongBook: true }), () => ({})],
    'training.practiceAnswer': [() => ({ questionId: 'fi-001', answer: ['A'] })],
    'training.wrongBook': [() => ({ page: 1, pageSize: 20 }), () => ({ page: 1, pageSize: 20, topic: 'fire' })],
    'training.verifyCertificate': [() => ({ code: 'ABCDEFGHJKMN' })],
    'training.assign': [() => ({ quizId: f.quizId, dueOn: '2026-12-20' })],
    'training.progress': [() => ({ quizId: f.quizId }), () => ({ quizId: f.quizId, enterpriseId: 'ENT-DEMO' })],
    'training.stats': [() => ({ quizId: f.quizId })],
    'training.leaderboard': [
      () => ({ quizId: f.contestId }),
      () => ({ quizId: f.contestId, day: '2026-11-28', by: 'enterprise' }),
      () => ({ quizId: f.contestId, by: 'area' }),
    ],
    'training.coverage': [() => ({}), () => ({ quizId: f.quizId })],
    'training.quizList': [() => ({})],
    'training.questions': [
      () => ({ page: 1, pageSize: 20 }),
      () => ({ topic: 'fire', retired: false, q: '灭火', page: 1, pageSize: 10 }),
    ],
    'training.saveQuestion': [
      () => ({ question: { ...NEW_QUESTION } }),
      () => ({ question: { ...NEW_QUESTION, id: 'fi-002' }, version: 1 }),
    ],
    'training.retireQuestion': [() => ({ id: 'fi-003', retired: true }), () => ({ id: 'fi-003', retired: false })],
    'trainingio.exportQuestions': [() => ({}), () => ({ topic: 'fire' })],
    'trainingio.importQuestions': [
      () => ({ base64: f.questionSheet, dryRun: true }),
      () => ({ base64: f.questionSheet, fileName: '消防题库.xlsx' }),
    ],
    'admin.audits': [
      () => ({ page: 1, pageSize: 20 }),
      () => ({ group: 'identity', from: '2026-01-01', to: '2026-12-31', page: 1, pageSize: 10 }),
      () => ({ actor: '安委办 王经办', target: 'MX-2026-000001', group: 'tipoff' }),
    ],
    'admin.stats': [
      () => ({}),
      () => ({ period: { kind: 'quarter', key: '2026-Q4' } }),
      () => ({ period: { kind: 'year', key: '2026' }, departmentId: 'CJ' }),
    ],
    'admin.config': [() => ({ key: 'routing' }), () => ({ key: 'sla', version: 1 }), () => ({ key: 'blockedWords' })],
    'admin.setConfig': [
      () => ({
        key: 'blockedWords',
        data: { words: ['办证', '代开发票', '高利贷'] },
        baseVersion: 1,
        note: '增加屏蔽词',
      }),
      () => ({
        key: 'sla',
        data: {
          acceptWorkingDays: 2,
          verifyWorkingDays: 5,
          verifyMajorWorkingDays: 3,
          closeDays: 60,
          extendDays: 30,
          escalation: [
            { step: 'notice', overdueWorkingDays: 0 },
            { step: 'bulletin', overdueWorkingDays: 3 },
            { step: 'summons', overdueWorkingDays: 5 },
            { step: 'exposure', overdueWorkingDays: 10 },
          ],
          duplicateRadiusMeters: 250,
        },
        baseVersion: 1,
        note: '受理时限改为 2 个工作日',
      }),
    ],
    'admin.route': [
      () => ({ categoryId: 'fire-exit', areaId: 'gk2' }),
      () => ({ categoryId: 'gas-bottle', areaId: 'gk5', description: '饭店后厨液化气钢瓶' }),
    ],
    'admin.ledger': [
      () => ({ page: 1, pageSize: 20 }),
      () => ({ status: 'rectifying', departmentId: 'CJ', page: 1, pageSize: 10 }),
    ],
    'admin.monthly': [() => ({}), () => ({ month: '2026-01' }), () => ({ month: '2026-01', regenerate: true })],
    'admin.monthlyList': [() => ({})],
    'admin.ledgerCreate': [ledgerCreateSample, () => ({ ...ledgerCreateSample(), enterpriseId: 'ENT-DEMO' })],
    'admin.ledgerProgress': [
      () => ({ id: f.ledgerId, note: '已完成一半' }),
      () => ({ id: f.ledgerId, note: '已更换配电箱门，复查合格', close: true, evidence: ['local-evidence.jpg'] }),
    ],
    'scheduler.sweep': [() => ({})],
    'user.bind': [
      () => ({ code: f.inviteCode, name: '张三' }),
      () => ({ code: f.inviteCode.toLowerCase().replace('-', ' '), name: '李四' }),
    ],
    'people.invite': [
      () => ({ role: 'staff', departmentId: 'CJ', uses: 1, expiresInDays: 7 }),
      () => ({ role: 'worker', enterpriseId: 'ENT-DEMO', uses: 20, expiresInDays: 30, note: '三车间公告栏' }),
      () => ({ role: 'safetyManager', uses: 1, expiresInDays: 7 }),
    ],
    'people.invites': [() => ({ page: 1, pageSize: 20 }), () => ({ state: 'active', page: 1, pageSize: 10 })],
    'people.revokeInvite': [() => ({ id: f.spareInviteId })],
    'people.list': [
      () => ({ page: 1, pageSize: 20 }),
      () => ({ role: 'staff', departmentId: 'CJ', page: 1, pageSize: 10 }),
      () => ({ enterpriseId: 'ENT-DEMO', page: 1, pageSize: 20 }),
    ],
    'people.revoke': [() => ({ id: f.personId, role: 'staff', reason: '调离本部门' })],
    'enterprise.report': [
      () => ({
        requestId: `nb-${Math.random().toString(36).slice(2, 12)}`,
        categoryId: 'fire-other',
        description: '车间消防通道堆放纸箱',
        photos: [],
        place: '一号车间',
        anonymous: true,
      }),
      () => ({
        requestId: `nb-${Math.random().toString(36).slice(2, 12)}`,
        categoryId: 'fire-other',
        description: '配电箱门损坏无法关闭',
        anonymous: false,
      }),
    ],
    'enterprise.reports': [() => ({ page: 1, pageSize: 20 }), () => ({ status: 'submitted', page: 1, pageSize: 10 })],
    'enterprise.myReports': [() => ({ page: 1, pageSize: 20 })],
    'enterprise.reportDetail': [() => ({ id: 'missing-internal' })],
    'enterprise.act': [
      () => ({ id: 'missing-internal', step: 'accept', deadline: '2026-12-10', note: '本周内整改' }),
      () => ({ id: 'missing-internal', step: 'fixed', evidence: ['local-evidence.jpg'], note: '已清理通道' }),
      () => ({ id: 'missing-internal', step: 'escalate', reason: '需镇里协调' }),
    ],
    'enterprise.toTown': [() => ({ id: 'missing-internal' })],
    'enterprise.reportStats': [() => ({})],
    'enterprise.checklist': [() => ({})],
    'enterprise.selfInspect': [() => selfInspectSample('ok'), () => selfInspectSample('na')],
    'enterprise.inspections': [
      () => ({ page: 1, pageSize: 20 }),
      () => ({ enterpriseId: 'ENT-DEMO', page: 1, pageSize: 10 }),
    ],
    'enterprise.inspection': [() => ({ id: 'missing-inspection' })],
    'enterprise.ledger': [() => ({ page: 1, pageSize: 20 }), () => ({ status: 'rectified', page: 1, pageSize: 10 })],
    'enterprise.ledgerProgress': [
      () => ({ id: f.ledgerId, note: '已采购新的防爆电机' }),
      () => ({ id: f.ledgerId, note: '已更换防爆电机', done: true, evidence: ['local-evidence.jpg'] }),
    ],
    'enterprise.duties': [() => ({}), () => ({ id: 'ENT-DEMO' })],
    'drill.compliance': [
      () => ({ kind: 'drill' }),
      () => ({ kind: 'inspection', filter: 'dueSoon', page: 1, pageSize: 10 }),
      () => ({ kind: 'drill', filter: 'all', page: 2, pageSize: 5 }),
    ],
    'drill.list': [
      () => ({ scope: 'manage', page: 1, pageSize: 20 }),
      () => ({ scope: 'join', status: 'planned', page: 1, pageSize: 10 }),
      () => ({ scope: 'all', page: 1, pageSize: 20 }),
    ],
    'drill.detail': [() => ({ drillId: f.drillId })],
    'drill.create': [
      () => drillSample(),
      () => drillSample({ audience: 'open', expectedCount: 200, title: '共康五村居民疏散演练', scenario: undefined }),
    ],
    'drill.cancel': [() => ({ drillId: f.drillId, reason: '天气原因改期' })],
    'drill.start': [() => ({ drillId: f.drillId })],
    'drill.allClear': [() => ({ drillId: f.drillId })],
    'drill.qr': [() => ({ drillId: f.drillId })],
    'drill.checkin': [
      () => ({ token: f.drillToken, latitude: 31.3319, longitude: 121.4447, accuracy: 15 }),
      () => ({ token: f.drillToken, latitude: 31.3318, longitude: 121.4447, name: '张三' }),
    ],
    'drill.addByHand': [
      () => ({ drillId: f.drillId, name: '张三', note: '未带手机' }),
      () => ({ drillId: f.drillId, name: '李四', memberId: f.personId }),
    ],
    'drill.participants': [() => ({ drillId: f.drillId })],
    'drill.close': [
      () => ({
        drillId: f.drillId,
        record: {
          problems: '二楼东侧安全出口指示灯不亮',
          improvements: '更换指示灯，每月检查一次',
          rating: 'good',
          evaluation: '疏散有序，用时符合要求',
          photos: ['local-evidence.jpg'],
        },
      }),
    ],
    'drillio.exportRecord': [() => ({ drillId: f.drillId })],
    'exposure.board': [() => ({ page: 1, pageSize: 20 }), () => ({})],
    'exposure.manage': [() => ({ page: 1, pageSize: 20 }), () => ({ state: 'withdrawn', page: 1, pageSize: 10 })],
    'exposure.supervise': [() => ({ ledgerId: f.ledgerId, note: '限期年底前完成整改，镇安委办挂牌督办' })],
    'exposure.withdraw': [() => ({ id: f.exposureId, reason: '隐患已整改到位，经复查合格' })],
    'enterprise.register': [
      () => ({
        name: '庙行样例机械有限公司',
        creditCode: '91310113MA1GK7NEW6',
        industry: 'trade-metal',
        areaId: 'yq',
        address: '庙行镇样例路 1 号',
        location: { latitude: 31.3318, longitude: 121.4447, address: '庙行镇样例路 1 号' },
        contact: { name: '张三', phone: '13800138000' },
        workerCount: 30,
      }),
    ],
    'enterprise.approve': [
      () => ({ id: 'ENT-DEMO', approved: true }),
      () => ({ id: 'ENT-DEMO-2', approved: false, reason: '信息不全' }),
    ],
    'enterprise.list': [
      () => ({ page: 1, pageSize: 20 }),
      () => ({
        status: 'active',
        industry: 'trade-dust',
        areaId: 'yq',
        highRisk: true,
        q: '示范',
        page: 1,
        pageSize: 5,
      }),
    ],
    'enterprise.detail': [() => ({}), () => ({ id: 'ENT-DEMO' })],
    'enterprise.update': [() => ({ id: 'ENT-DEMO', address: '庙行镇示范路 90 号', workerCount: 130 })],
    'enterprise.setHighRisk': [() => ({ id: 'ENT-DEMO-2', highRisk: true, reason: '仓库存放大量可燃物' })],
    'enterprise.close': [() => ({ id: 'ENT-DEMO-2', reason: '企业已迁出本镇' })],
    'enterprise.workers': [() => ({}), () => ({ id: 'ENT-DEMO' })],
    'enterprise.confirmJoin': [() => ({ id: 'missing-join', approved: true })],
    'enterprise.removeWorker': [() => ({ id: 'p0000000000000000000000', reason: '已离职' })],
  };
}

/** Plausible values for deep checks: real and almost-real ids, codes, dates. */
export function plausibleValues(f: Fixtures): unknown[] {
  return [
    f.tipoffId,
    f.otherTipoffId,
    f.ledgerId,
    f.acceptedId,
    f.verifiedId,
    f.rectifyingId,
    f.trackingCode,
    f.endedTipoffId,
    f.endedTrackingCode,
    f.inviteCode,
    f.inviteId,
    f.personId,
    f.approvedRewardId,
    f.approvedTrackingCode,
    f.drillId,
    f.drillToken,
    'ENT-DEMO',
    'staff',
    'worker',
    f.trackingCode.toLowerCase(),
    ` ${f.trackingCode} `,
    'AAAAAAAAAA',
    'missing-id',
    'gas-facility',
    'other',
    'gk5',
    'yq',
    'ENT-DEMO',
    'ENT-DEMO-2',
    'trade-dust',
    '91310113MA1GK0DEMT',
    'CJ',
    'AWB',
    'XF',
    'accept',
    'closed',
    'assigned',
    '2026-11-27',
    '2026-11-28',
    '2026-02-30',
    '9999-12-31',
    '2026-11-28T10:00:00+08:00',
    'local-evidence.jpg',
    'https://attacker.example/pixel.gif',
    '../../etc/passwd',
    'cloud://other-env.7365/x.jpg',
    31.3318,
    121.4447,
    -5,
    0,
    1,
    50,
    51,
    true,
    false,
  ];
}

/** Actions that delete their caller's own data: run as a copy of the person, never as the fixture itself. */
export const CONSUMES_CALLER: readonly string[] = ['user.deleteMe'];

let throwaways = 0;
/**
 * The openid to call `fnAction` as for `openid`: the person, or for an action in CONSUMES_CALLER a fresh copy
 * of their user document (same roles), so later cases still meet the person's data.
 */
export async function callerFor(env: TestEnv, fnAction: string, openid: string): Promise<string> {
  if (!CONSUMES_CALLER.includes(fnAction)) return openid;
  const copy = `throwaway-${++throwaways}-${openid}`;
  const { data } = await env.runtime.db.collection('users').where({ _id: openid }).limit(1).get();
  const { _id, ...doc } = (data[0] ?? { roles: ['resident'], createdAt: '2026-11-28T10:00:00+08:00' }) as Input;
  await env.runtime.db.collection('users').doc(copy).set({ data: doc });
  return copy;
}
