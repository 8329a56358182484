// Typed calls to the cloud functions (DESIGN.md §4). Pages use these, never the transport directly.
import type {
  ApproveEnterpriseInput,
  BindInput,
  BindResult,
  CloseEnterpriseInput,
  EnterpriseDetail,
  EnterpriseListInput,
  EnterpriseMember,
  EnterpriseSummary,
  InternalActInput,
  InternalReport,
  InternalReportInput,
  InternalReportStats,
  InternalStatus,
  InviteInput,
  InviteResult,
  InviteState,
  InviteSummary,
  PendingJoin,
  PeopleListInput,
  PersonSummary,
  RegisterEnterpriseInput,
  RevokeRoleInput,
  SetHighRiskInput,
  UpdateEnterpriseInput,
  LedgerCreateInput,
  LedgerEntry,
  LedgerProgressInput,
  LoginResult,
  MergeCandidate,
  Message,
  NearbyTipoff,
  Page,
  QueueActInput,
  QueueCounts,
  QueueCountsInput,
  QueueDetail,
  QueueItem,
  QueueListInput,
  RateInput,
  SubmitTipoffInput,
  SubmitTipoffResult,
  TipoffDetail,
  TipoffDetailView,
  TipoffOptions,
  TipoffStatus,
  TipoffSummary,
  UrgeInput,
  UrgeResult,
} from '../../types';
import type {
  AddByHandInput,
  CheckinInput,
  CheckinResult,
  CloseDrillInput,
  CreateDrillInput,
  DrillDetail,
  DrillExport,
  DrillListInput,
  DrillParticipants,
  DrillQr,
  DrillSummary,
} from '../../types/drill';
import type {
  ChecklistView,
  ComplianceListInput,
  EnterpriseDuties,
  EnterpriseLedgerProgressInput,
  InspectionDetail,
  InspectionSummary,
  SelfInspectInput,
  SelfInspectResult,
} from '../../types/inspection';
import type { RecordTipoffInput, RecordTipoffResult } from '../../types/channels';
import type { DeleteMeInput, DeleteMeResult, MyData, PrivacyState } from '../../types/privacy';
import type {
  CodeReward,
  IdentityRead,
  MyReward,
  QueueFineInput,
  RewardApproveInput,
  RewardCase,
  RewardClaimInput,
  RewardDecideInput,
  RewardIdentity,
  RewardIdentityInput,
  RewardPayInput,
  RewardPolicyView,
  RewardSetPolicyInput,
  RewardStatus,
} from '../../types/reward';
import type {
  AttemptResult,
  AttemptSummary,
  AttemptView,
  Certificate,
  Coverage,
  Leaderboard,
  LeaderboardInput,
  LessonSummary,
  LessonView,
  PaperQuestion,
  PracticeFeedback,
  QuestionStat,
  QuizInput,
  QuizProgress,
  QuizSummary,
  TrainingTopic,
  WrongBookItem,
} from '../../types/training';
import type {
  BankQuestionView,
  ExportedSheet,
  ImportQuestionsInput,
  ImportResult,
  QuestionsInput,
  SaveQuestionInput,
} from '../../types/training-admin';
import type { OfficeQuiz } from '../../types/training-office';
import type { AdminAuditsInput, AuditPage } from '../../types/audit-log';
import type { DashboardStats, StatsInput } from '../../types/stats';
import type { MonthlyInput, MonthlyReportView } from '../../types/monthly';
import type {
  ExposureBoard,
  ExposureItem,
  ExposureManage,
  ExposureManageInput,
  ExposureSuperviseInput,
  ExposureWithdrawInput,
} from '../../types/exposure';
import type {
  ConfigGetInput,
  ConfigView,
  RouteTestInput,
  RouteTestResult,
  SetConfigInput,
} from '../../types/town-config';
import type { z } from 'zod';
import { invoke } from './transport';

export const api = {
  user: {
    login: () => invoke<LoginResult>('user', { action: 'login' }),
    messages: (page = 1, pageSize = 20) =>
      invoke<Page<Message> & { unread: number }>('user', { action: 'messages', page, pageSize }),
    readMessages: (ids?: string[]) =>
      invoke<{ updated: number }>('user', { action: 'readMessages', ...(ids ? { ids } : {}) }),
    /** Enter an invite code: grants its role (a worker's join may wait for the manager's confirmation). */
    bind: (input: BindInput) => invoke<BindResult>('user', { action: 'bind', ...input }),
    /** The privacy notice and the caller's consent (个人信息保护法). */
    privacy: () => invoke<PrivacyState>('user', { action: 'privacy' }),
    consent: (version: number) => invoke<{ version: number; at: string }>('user', { action: 'consent', version }),
    /** What the town holds about the caller. */
    myData: () => invoke<MyData>('user', { action: 'myData' }),
    /** Deletes the caller's account, messages and named contacts; the answer says what the law keeps. */
    deleteMe: (input: DeleteMeInput) => invoke<DeleteMeResult>('user', { action: 'deleteMe', ...input }),
  },
  reward: {
    policy: () => invoke<RewardPolicyView>('reward', { action: 'policy' }),
    setPolicy: (input: RewardSetPolicyInput) => invoke<RewardPolicyView>('reward', { action: 'setPolicy', ...input }),
    /** 安委办 and leaders: cases by status (all open ones when none is given), oldest first. */
    pending: (input: { status?: RewardStatus; page?: number; pageSize?: number } = {}) =>
      invoke<Page<RewardCase>>('reward', { action: 'pending', page: 1, pageSize: 20, ...input }),
    decide: (input: RewardDecideInput) =>
      invoke<{ id: string; status: RewardStatus }>('reward', { action: 'decide', ...input }),
    approve: (input: RewardApproveInput) =>
      invoke<{ id: string; status: RewardStatus }>('reward', { action: 'approve', ...input }),
    pay: (input: RewardPayInput) => invoke<{ id: string; status: RewardStatus }>('reward', { action: 'pay', ...input }),
    /** 我的奖励. */
    mine: (page = 1, pageSize = 20) => invoke<Page<MyReward>>('reward', { action: 'mine', page, pageSize }),
    /** An anonymous report's reward, by its 查询码. */
    byCode: (trackingCode: string) => invoke<CodeReward>('reward', { action: 'byCode', trackingCode }),
    claim: (input: RewardClaimInput) => invoke<CodeReward>('reward', { action: 'claim', ...input }),
    /** 安委办 only, audited: who to pay. */
    identity: (input: RewardIdentityInput) => invoke<RewardIdentity>('reward', { action: 'identity', ...input }),
    /** Leaders: every identity read. */
    identityReads: (page = 1, pageSize = 20) =>
      invoke<Page<IdentityRead>>('reward', { action: 'identityReads', page, pageSize }),
  },
  people: {
    invite: (input: InviteInput) => invoke<InviteResult>('people', { action: 'invite', ...input }),
    invites: (input: { state?: InviteState; page?: number; pageSize?: number } = {}) =>
      invoke<Page<InviteSummary>>('people', { action: 'invites', page: 1, pageSize: 20, ...input }),
    revokeInvite: (id: string) => invoke<{ id: string }>('people', { action: 'revokeInvite', id }),
    list: (input: Partial<z.input<typeof PeopleListInput>> = {}) =>
      invoke<Page<PersonSummary>>('people', { action: 'list', page: 1, pageSize: 20, ...input }),
    revoke: (input: z.input<typeof RevokeRoleInput>) => invoke<PersonSummary>('people', { action: 'revoke', ...input }),
  },
  enterprise: {
    register: (input: RegisterEnterpriseInput) =>
      invoke<{ id: string; status: 'pending' | 'active' }>('enterprise', { action: 'register', ...input }),
    approve: (input: z.input<typeof ApproveEnterpriseInput>) =>
      invoke<EnterpriseDetail>('enterprise', { action: 'approve', ...input }),
    list: (input: Partial<z.input<typeof EnterpriseListInput>> = {}) =>
      invoke<Page<EnterpriseSummary>>('enterprise', { action: 'list', page: 1, pageSize: 20, ...input }),
    /** No id: the caller's own enterprise. */
    detail: (id?: string) => invoke<EnterpriseDetail>('enterprise', { action: 'detail', ...(id ? { id } : {}) }),
    update: (input: z.input<typeof UpdateEnterpriseInput>) =>
      invoke<EnterpriseDetail>('enterprise', { action: 'update', ...input }),
    setHighRisk: (input: z.input<typeof SetHighRiskInput>) =>
      invoke<EnterpriseDetail>('enterprise', { action: 'setHighRisk', ...input }),
    close: (input: z.input<typeof CloseEnterpriseInput>) =>
      invoke<EnterpriseDetail>('enterprise', { action: 'close', ...input }),
    workers: (id?: string) =>
      invoke<{ members: EnterpriseMember[]; pending: PendingJoin[] }>('enterprise', {
        action: 'workers',
        ...(id ? { id } : {}),
      }),
    confirmJoin: (id: string, approved: boolean) =>
      invoke<{ id: string }>('enterprise', { action: 'confirmJoin', id, approved }),
    removeWorker: (id: string, reason: string) =>
      invoke<{ id: string }>('enterprise', { action: 'removeWorker', id, reason }),
    /** 内部隐患报告 (a worker to their own enterprise). */
    report: (input: InternalReportInput) =>
      invoke<{ id: string; no: string }>('enterprise', { action: 'report', ...input }),
    /** The manager's queue of internal reports. */
    reports: (input: { status?: InternalStatus; page?: number; pageSize?: number } = {}) =>
      invoke<Page<InternalReport>>('enterprise', { action: 'reports', page: 1, pageSize: 20, ...input }),
    /** The worker's own internal reports. */
    myReports: (page = 1, pageSize = 20) =>
      invoke<Page<InternalReport>>('enterprise', { action: 'myReports', page, pageSize }),
    reportDetail: (id: string) => invoke<InternalReport>('enterprise', { action: 'reportDetail', id }),
    act: (input: InternalActInput) => invoke<InternalReport>('enterprise', { action: 'act', ...input }),
    toTown: (id: string) => invoke<InternalReport>('enterprise', { action: 'toTown', id }),
    /** 安委办: counts per enterprise, never the content. */
    reportStats: () => invoke<InternalReportStats[]>('enterprise', { action: 'reportStats' }),
    /** 企业自查 (issue 10): the checklist for the caller's enterprise's industry, at its current version. */
    checklist: () => invoke<ChecklistView>('enterprise', { action: 'checklist' }),
    selfInspect: (input: SelfInspectInput) =>
      invoke<SelfInspectResult>('enterprise', { action: 'selfInspect', ...input }),
    /** The enterprise's self-inspections, newest first (安委办 may name one enterprise). */
    inspections: (input: { enterpriseId?: string; page?: number; pageSize?: number } = {}) =>
      invoke<Page<InspectionSummary>>('enterprise', { action: 'inspections', page: 1, pageSize: 20, ...input }),
    inspection: (id: string) => invoke<InspectionDetail>('enterprise', { action: 'inspection', id }),
    /** Ledger entries about the caller's enterprise (any source), and its side of them. */
    ledger: (input: { status?: LedgerEntry['status']; page?: number; pageSize?: number } = {}) =>
      invoke<Page<LedgerEntry>>('enterprise', { action: 'ledger', page: 1, pageSize: 20, ...input }),
    ledgerProgress: (input: EnterpriseLedgerProgressInput) =>
      invoke<LedgerEntry>('enterprise', { action: 'ledgerProgress', ...input }),
    /** Drill and self-inspection due dates (no id: the caller's own enterprise). */
    duties: (id?: string) => invoke<EnterpriseDuties>('enterprise', { action: 'duties', ...(id ? { id } : {}) }),
  },
  /** 应急演练 (issue 10). */
  drill: {
    list: (input: DrillListInput) =>
      invoke<Page<DrillSummary>>('drill', { action: 'list', page: 1, pageSize: 20, ...input }),
    detail: (drillId: string) => invoke<DrillDetail>('drill', { action: 'detail', drillId }),
    create: (input: CreateDrillInput) => invoke<{ id: string }>('drill', { action: 'create', ...input }),
    cancel: (drillId: string, reason: string) => invoke<DrillDetail>('drill', { action: 'cancel', drillId, reason }),
    /** 警报拉响 / 解除: the evacuation time runs between the two. */
    start: (drillId: string) => invoke<DrillDetail>('drill', { action: 'start', drillId }),
    allClear: (drillId: string) => invoke<DrillDetail>('drill', { action: 'allClear', drillId }),
    qr: (drillId: string) => invoke<DrillQr>('drill', { action: 'qr', drillId }),
    checkin: (input: CheckinInput) => invoke<CheckinResult>('drill', { action: 'checkin', ...input }),
    addByHand: (input: AddByHandInput) => invoke<DrillParticipants>('drill', { action: 'addByHand', ...input }),
    participants: (drillId: string) => invoke<DrillParticipants>('drill', { action: 'participants', drillId }),
    close: (input: CloseDrillInput) => invoke<DrillDetail>('drill', { action: 'close', ...input }),
    /** 安委办: enterprises by the state of one duty (flagged = overdue or never done). */
    compliance: (input: ComplianceListInput) =>
      invoke<Page<EnterpriseDuties>>('drill', { action: 'compliance', page: 1, pageSize: 20, ...input }),
    /** The closed drill's record as an .xlsx (its own function: exceljs stays out of the check-in bundle). */
    exportRecord: (drillId: string) => invoke<DrillExport>('drillio', { action: 'exportRecord', drillId }),
  },
  /** 曝光台 (issue 11): the public board; 安委办's list, 挂牌督办 and 撤下. */
  exposure: {
    board: (page = 1, pageSize = 20) => invoke<ExposureBoard>('exposure', { action: 'board', page, pageSize }),
    manage: (input: ExposureManageInput = {}) =>
      invoke<ExposureManage>('exposure', { action: 'manage', page: 1, pageSize: 20, ...input }),
    supervise: (input: ExposureSuperviseInput) => invoke<ExposureItem>('exposure', { action: 'supervise', ...input }),
    withdraw: (input: ExposureWithdrawInput) =>
      invoke<{ id: string; withdrawnAt: string }>('exposure', { action: 'withdraw', ...input }),
  },
  tipoff: {
    options: () => invoke<TipoffOptions>('tipoff', { action: 'options' }),
    submit: (input: SubmitTipoffInput) => invoke<SubmitTipoffResult>('tipoff', { action: 'submit', ...input }),
    mine: (page = 1, pageSize = 20) => invoke<Page<TipoffSummary>>('tipoff', { action: 'mine', page, pageSize }),
    detail: (id: string) => invoke<TipoffDetailView>('tipoff', { action: 'detail', id }),
    track: (trackingCode: string) => invoke<TipoffDetail>('tipoff', { action: 'track', trackingCode }),
    nearby: (latitude: number, longitude: number, categoryId: string) =>
      invoke<NearbyTipoff[]>('tipoff', { action: 'nearby', latitude, longitude, categoryId }),
    follow: (id: string) =>
      invoke<{ followers: number; already: boolean; no: string }>('tipoff', { action: 'follow', id }),
    rate: (input: RateInput) => invoke<{ score: number }>('tipoff', { action: 'rate', ...input }),
    /** 催办: once a day, only past the deadline (by `id`, or `trackingCode` for anonymous reporters). */
    urge: (input: UrgeInput) => invoke<UrgeResult>('tipoff', { action: 'urge', ...input }),
  },
  /** 安全培训 (issue 9). */
  training: {
    lessons: () => invoke<LessonSummary[]>('training', { action: 'lessons' }),
    lesson: (topic: TrainingTopic) => invoke<LessonView>('training', { action: 'lesson', topic }),
    lessonRead: (topic: TrainingTopic, sectionId: string) =>
      invoke<{ topic: TrainingTopic; read: number; sections: number }>('training', {
        action: 'lessonRead',
        topic,
        sectionId,
      }),
    quizzes: () => invoke<QuizSummary[]>('training', { action: 'quizzes' }),
    quizCreate: (input: QuizInput) => invoke<{ id: string }>('training', { action: 'quizCreate', ...input }),
    /** Starts, or resumes the open attempt: questions without answers, the server deadline, saved answers. */
    start: (quizId: string) => invoke<AttemptView>('training', { action: 'start', quizId }),
    save: (attemptId: string, n: number, answer: string[]) =>
      invoke<{ n: number; saved: string[] }>('training', { action: 'save', attemptId, n, answer }),
    submit: (attemptId: string) => invoke<AttemptResult>('training', { action: 'submit', attemptId }),
    review: (attemptId: string) => invoke<AttemptResult>('training', { action: 'review', attemptId }),
    history: (page = 1, pageSize = 20) =>
      invoke<Page<AttemptSummary>>('training', { action: 'history', page, pageSize }),
    /** One practice question (null: nothing to practise). */
    practice: (input: { topic?: TrainingTopic; wrongBook?: boolean } = {}) =>
      invoke<PaperQuestion | null>('training', { action: 'practice', ...input }),
    practiceAnswer: (questionId: string, answer: string[]) =>
      invoke<PracticeFeedback>('training', { action: 'practiceAnswer', questionId, answer }),
    wrongBook: (input: { topic?: TrainingTopic; page?: number; pageSize?: number } = {}) =>
      invoke<Page<WrongBookItem>>('training', { action: 'wrongBook', page: 1, pageSize: 20, ...input }),
    verifyCertificate: (code: string) => invoke<Certificate>('training', { action: 'verifyCertificate', code }),
    /** A safety manager: assign to the enterprise's workers. */
    assign: (quizId: string, dueOn: string) =>
      invoke<{ id: string; dueOn: string }>('training', { action: 'assign', quizId, dueOn }),
    progress: (quizId: string, enterpriseId?: string) =>
      invoke<QuizProgress>('training', { action: 'progress', quizId, ...(enterpriseId ? { enterpriseId } : {}) }),
    stats: (quizId: string) =>
      invoke<{ attempts: number; questions: QuestionStat[] }>('training', { action: 'stats', quizId }),
    /** A 安全生产月 contest's board: one day's round (default today), by person, enterprise or area. */
    leaderboard: (input: LeaderboardInput) => invoke<Leaderboard>('training', { action: 'leaderboard', ...input }),
    /** 安委办: every quiz, any audience (training-office.ts). */
    quizList: () => invoke<OfficeQuiz[]>('training', { action: 'quizList' }),
    /** 安委办: who took and passed, per enterprise and per industry (of one quiz, or of all). */
    coverage: (quizId?: string) => invoke<Coverage>('training', { action: 'coverage', ...(quizId ? { quizId } : {}) }),
    /** 安委办's question bank (answers included); leaders read it. */
    questions: (input: QuestionsInput = {}) =>
      invoke<Page<BankQuestionView>>('training', { action: 'questions', page: 1, pageSize: 20, ...input }),
    /** Create (no `version`), or edit the version read: the version rises, the id stays. */
    saveQuestion: (input: SaveQuestionInput) =>
      invoke<BankQuestionView>('training', { action: 'saveQuestion', ...input }),
    retireQuestion: (id: string, retired: boolean) =>
      invoke<BankQuestionView>('training', { action: 'retireQuestion', id, retired }),
  },
  /** The question bank as .xlsx (its own function: exceljs). The file travels as base64. */
  trainingio: {
    exportQuestions: (topic?: TrainingTopic) =>
      invoke<ExportedSheet>('trainingio', { action: 'exportQuestions', ...(topic ? { topic } : {}) }),
    importQuestions: (input: ImportQuestionsInput) =>
      invoke<ImportResult>('trainingio', { action: 'importQuestions', ...input }),
  },
  queue: {
    list: (input: QueueListInput) => invoke<Page<QueueItem>>('queue', { action: 'list', ...input }),
    counts: (filters: QueueCountsInput = {}) => invoke<QueueCounts>('queue', { action: 'counts', ...filters }),
    detail: (id: string) => invoke<QueueDetail>('queue', { action: 'detail', id }),
    mergeCandidates: (id: string) => invoke<MergeCandidate[]>('queue', { action: 'mergeCandidates', id }),
    /** 登记外部来源: a report received by 12345, 随申拍, 社区通, phone, letter or visit, routed like any other. */
    record: (input: RecordTipoffInput) => invoke<RecordTipoffResult>('queue', { action: 'record', ...input }),
    act: (input: QueueActInput) => invoke<{ id: string; status: TipoffStatus }>('queue', { action: 'act', ...input }),
    /** The fine imposed for a founded hazard (a major hazard's reward waits for it). */
    fine: (input: QueueFineInput) =>
      invoke<{ id: string; fineFen: number; rewardStatus: RewardStatus | null }>('queue', { action: 'fine', ...input }),
  },
  admin: {
    /** 操作日志 (安委办, leaders): newest first; the last 30 days unless a range is given (at most 366 days). */
    audits: (input: AdminAuditsInput = {}) =>
      invoke<AuditPage>('admin', { action: 'audits', page: 1, pageSize: 20, ...input }),
    ledger: (input: { status?: LedgerEntry['status']; page?: number; pageSize?: number } = {}) =>
      invoke<Page<LedgerEntry>>('admin', { action: 'ledger', page: 1, pageSize: 20, ...input }),
    ledgerCreate: (input: LedgerCreateInput) => invoke<LedgerEntry>('admin', { action: 'ledgerCreate', ...input }),
    /** A progress note, or the 销号 (`close`: needs `evidence` photos and a note of ≥ 10 characters). */
    ledgerProgress: (input: LedgerProgressInput) =>
      invoke<LedgerEntry>('admin', { action: 'ledgerProgress', ...input }),
    /** 数据看板: 安委办 and leaders the town (or one department); department staff and heads their own share. */
    stats: (input: StatsInput = {}) => invoke<DashboardStats>('admin', { action: 'stats', ...input }),
    /** A town-config key: the current version (or an older one) and its history. */
    config: (input: ConfigGetInput) => invoke<ConfigView>('admin', { action: 'config', ...input }),
    /** A new version of one key (安委办): CONFLICT when `baseVersion` is no longer current. */
    setConfig: (input: SetConfigInput) => invoke<ConfigView>('admin', { action: 'setConfig', ...input }),
    /** Which department would a report like this go to, under the current rules. */
    route: (input: RouteTestInput) => invoke<RouteTestResult>('admin', { action: 'route', ...input }),
    /** 月度报表: the stored workbook of a month (default: the latest closed cycle); 安委办 generates it if none. */
    monthly: (input: MonthlyInput = {}) => invoke<MonthlyReportView>('admin', { action: 'monthly', ...input }),
    /** The stored workbooks, newest month first. */
    monthlyList: () => invoke<MonthlyReportView[]>('admin', { action: 'monthlyList' }),
  },
};
