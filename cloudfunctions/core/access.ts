import { ROLES, type Role } from '../../types';

/**
 * Who may call what (DESIGN.md §9): one row per `function.action`, the only place roles are checked
 * before an action runs. Dispatch refuses an action without a row (fail closed), and
 * access.test.ts fails when a function gains an action that has no row here.
 *
 * A caller passes when any of their roles (from the database, never from input) is listed.
 * `scope` says what the action itself narrows further (own department, own reports, …):
 * passing this table is necessary, never sufficient.
 */
export interface AccessRule {
  roles: readonly Role[];
  scope?: string;
}

/** Every signed-in person: a first-time caller is a resident, and staff may report hazards too. */
const EVERYONE: readonly Role[] = ROLES;
/** A department's staff, its head, and 安委办 (whose officers also carry `staff`). */
const DEPARTMENT: readonly Role[] = ['staff', 'head', 'admin'];
/** Who reads the queue: the department, and leaders (read-only: they take no step). */
const QUEUE_READERS: readonly Role[] = [...DEPARTMENT, 'leader'];

export const ACCESS: Readonly<Record<string, AccessRule>> = {
  // user — the caller's own account and messages.
  'user.login': { roles: EVERYONE, scope: "a first visit creates the caller's resident record" },
  'user.uploadKey': { roles: EVERYONE, scope: "the caller's own folder for one submission's photos; nothing written" },
  'user.messages': { roles: EVERYONE, scope: "own messages; department members also their department's reminders" },
  'user.readMessages': { roles: EVERYONE, scope: 'own messages only' },
  'user.bind': {
    roles: EVERYONE,
    scope: 'the role its invite code grants, nothing from input; rate-limited per person, wrong codes included',
  },
  'user.privacy': { roles: EVERYONE, scope: "the notice in force and the caller's own consent" },
  'user.consent': { roles: EVERYONE, scope: "the caller's own consent, to the version in force only" },
  'user.myData': {
    roles: EVERYONE,
    scope: "the caller's own account, reports (with their own sealed contact), rewards",
  },
  'user.deleteMe': {
    roles: EVERYONE,
    scope: "the caller's own data; refused while a work role (staff, head, admin, leader, safetyManager) is held",
  },

  // tipoff — 安全随手拍, open to everyone; each person sees only their own reports.
  'tipoff.options': { roles: EVERYONE },
  'tipoff.submit': { roles: EVERYONE },
  'tipoff.mine': { roles: EVERYONE, scope: 'own reports only' },
  'tipoff.detail': { roles: EVERYONE, scope: 'own report, or one followed (no photos, address, coordinates)' },
  'tipoff.track': { roles: EVERYONE, scope: 'the report of the tracking code given' },
  'tipoff.nearby': { roles: EVERYONE, scope: 'open reports of one category near a point; no location details' },
  'tipoff.follow': { roles: EVERYONE, scope: 'open reports only' },
  'tipoff.rate': { roles: EVERYONE, scope: 'own report (or its tracking code), once, after it ended' },
  'tipoff.urge': {
    roles: EVERYONE,
    scope: 'own report (or its tracking code), past its deadline, once a day; reminds the department',
  },

  // queue — the department's work on reports routed to it.
  'queue.list': { roles: QUEUE_READERS, scope: "own department; scope 'town' (every department) for admin and leader" },
  'queue.counts': {
    roles: QUEUE_READERS,
    scope: "own department; scope 'town' (every department) for admin and leader",
  },
  'queue.detail': {
    roles: QUEUE_READERS,
    scope: 'own or co-department; 安委办 and leaders all (leaders read only); never the reporter',
  },
  'queue.mergeCandidates': {
    roles: QUEUE_READERS,
    scope: "a case the caller may read; candidates in the case's department (安委办 every department)",
  },
  'queue.act': {
    roles: DEPARTMENT,
    scope: 'own department (安委办 all); sign-off only by the head or 安委办, never by who recorded the fix',
  },

  'queue.record': {
    roles: DEPARTMENT,
    scope:
      'records a report received elsewhere; routed by the town rules (never to the caller by input); contact sealed',
  },
  'queue.fine': {
    roles: DEPARTMENT,
    scope: 'a founded case of own department (安委办 all); corrections only until its reward is decided',
  },

  // reward — 举报奖励 (issue 8): decided by 安委办, approved by a leader who did not decide; never the reporter.
  'reward.policy': { roles: ['admin', 'leader'] },
  'reward.setPolicy': { roles: ['admin'], scope: 'a new version, kept with its history; audited' },
  'reward.pending': {
    roles: ['admin', 'leader'],
    scope: 'every open case (leaders read the ones to approve); never who the reporter is',
  },
  'reward.decide': {
    roles: ['admin'],
    scope: 'an amount within the policy version it stores, or a refusal with reason',
  },
  'reward.approve': { roles: ['leader'], scope: 'decided cases only; never one the caller decided' },
  'reward.pay': { roles: ['admin'], scope: 'approved cases only, once' },
  'reward.mine': { roles: EVERYONE, scope: 'own rewards only (by reporter key); the amount once approved' },
  'reward.byCode': {
    roles: EVERYONE,
    scope: 'the reward of the tracking code given; counted like tipoff.track; the amount once approved',
  },
  'reward.claim': {
    roles: EVERYONE,
    scope: 'an anonymous reward by its tracking code, first claim binds; rate-limited, wrong codes included',
  },
  'reward.identity': {
    roles: ['admin'],
    scope: 'approved or paid cases; the read is recorded and audited in the same transaction; never an openid',
  },
  'reward.identityReads': { roles: ['leader'], scope: "every identity read, by the reader's name; never an openid" },

  // admin — 重大事故隐患台账; 操作日志.
  'admin.audits': {
    roles: ['admin', 'leader'],
    scope: 'the whole audit trail, read only; people by display name (已注销用户, 群众, 系统), never an openid',
  },
  'admin.monthly': {
    roles: ['admin', 'leader'],
    scope:
      'a closed cycle only; generating (or regenerating) by 安委办 only, rate-limited, audited; no identity in the workbook',
  },
  'admin.monthlyList': { roles: ['admin', 'leader'], scope: 'the stored workbooks, short-lived download URLs' },
  'admin.config': {
    roles: ['admin', 'leader'],
    scope:
      'the town config (departments, areas, categories, routing, SLA, blocked words), any version; names, never openids',
  },
  'admin.setConfig': {
    roles: ['admin'],
    scope: 'a new version of one key, validated against the whole town; stale base refused; audited; rate-limited',
  },
  'admin.route': {
    roles: [...DEPARTMENT, 'leader'],
    scope: 'the routing tester under the current rules; nothing written',
  },
  'admin.stats': {
    roles: QUEUE_READERS,
    scope: "安委办 and leaders: the town or one department; staff and heads: their own department's share only",
  },
  'admin.ledger': { roles: DEPARTMENT, scope: 'own department; 安委办 all' },
  'admin.ledgerCreate': { roles: DEPARTMENT, scope: "entered for the caller's own department" },
  'admin.ledgerProgress': { roles: DEPARTMENT, scope: 'own department (安委办 all); closing by the head or 安委办' },

  // enterprise — the register (安委办) and the manager's desk (issue 7).
  'enterprise.register': {
    roles: ['safetyManager', 'admin'],
    scope: 'a manager without an enterprise (or rejected) → pending, they manage it; 安委办 → active',
  },
  'enterprise.approve': { roles: ['admin'], scope: 'pending registrations only' },
  'enterprise.list': { roles: ['admin', 'leader'] },
  'enterprise.detail': {
    roles: ['worker', 'safetyManager', 'admin', 'leader'],
    scope: '安委办 and leaders any; a manager or worker only their own; managers by personId',
  },
  'enterprise.update': {
    roles: ['safetyManager', 'admin'],
    scope: '安委办 any; a manager their own; never the credit code',
  },
  'enterprise.setHighRisk': { roles: ['admin'], scope: 'with a reason, audited' },
  'enterprise.close': { roles: ['admin'], scope: 'kept for history; its people lose their enterprise roles' },
  'enterprise.workers': {
    roles: ['safetyManager', 'admin'],
    scope: 'a manager their own; 安委办 any; personIds, never openids',
  },
  'enterprise.confirmJoin': { roles: ['safetyManager'], scope: "joins of the manager's own enterprise" },
  'enterprise.removeWorker': {
    roles: ['safetyManager'],
    scope: "workers of the manager's own enterprise, not themselves",
  },

  // enterprise — 内部隐患报告 (internal reports, issue 7): the reporter is never shown to the manager when anonymous.
  'enterprise.report': { roles: ['worker'], scope: "the worker's own active enterprise" },
  'enterprise.reports': {
    roles: ['safetyManager'],
    scope: "the manager's own enterprise; never an anonymous reporter",
  },
  'enterprise.myReports': { roles: EVERYONE, scope: 'own reports only (also after leaving the enterprise)' },
  'enterprise.reportDetail': { roles: EVERYONE, scope: 'own report, or a manager of its enterprise' },
  'enterprise.act': { roles: ['safetyManager'], scope: "reports of the manager's own enterprise" },
  'enterprise.toTown': { roles: EVERYONE, scope: 'own report, while not fixed or already sent' },
  'enterprise.reportStats': { roles: ['admin', 'leader'], scope: 'counts per enterprise, never the content' },

  // enterprise — 企业自查 and the enterprise's side of the ledger (issue 10).
  'enterprise.checklist': { roles: ['safetyManager'], scope: "the lists of the manager's own enterprise's industry" },
  'enterprise.selfInspect': {
    roles: ['safetyManager'],
    scope: "the manager's own active enterprise; every line of the current version; once per requestId",
  },
  'enterprise.inspections': {
    roles: ['safetyManager', 'admin', 'leader'],
    scope: 'a manager their own enterprise; 安委办 and leaders any',
  },
  'enterprise.inspection': {
    roles: ['safetyManager', 'admin', 'leader'],
    scope: "a manager their own enterprise's (another's looks missing); 安委办 and leaders any",
  },
  'enterprise.ledger': { roles: ['safetyManager'], scope: "ledger entries about the manager's own enterprise" },
  'enterprise.ledgerProgress': {
    roles: ['safetyManager'],
    scope: "entries about the manager's own enterprise; 整改完成 asks the department to review the 销号",
  },

  // 企业责任 (issue 10): the drill and self-inspection due dates; 安委办's compliance list of the town.
  'enterprise.duties': {
    roles: ['safetyManager', 'worker', 'admin', 'leader'],
    scope: 'a manager or worker their own enterprise; 安委办 and leaders any (by id)',
  },
  'drill.compliance': { roles: ['admin', 'leader'], scope: 'active enterprises by one duty, the dates only' },

  // drill — 应急演练 (issue 10): a manager runs their own enterprise's drills, 安委办 the town's (open to residents);
  // leaders read. Check-in: a valid unexpired token, inside the window and the circle, once per person.
  'drill.list': {
    roles: EVERYONE,
    scope:
      "manage: the caller's enterprise (安委办: town drills); join: own enterprise's and town drills; all: 安委办 and leaders",
  },
  'drill.detail': {
    roles: EVERYONE,
    scope:
      "open drills, own enterprise's, or one checked in to; the record's photos only to its manager, 安委办, leaders",
  },
  'drill.create': {
    roles: ['safetyManager', 'admin'],
    scope: 'a manager for their own active enterprise; 安委办 town drills (audience open)',
  },
  'drill.cancel': { roles: ['safetyManager', 'admin'], scope: "the drill's manager; before its start only (audited)" },
  'drill.start': { roles: ['safetyManager', 'admin'], scope: "the drill's manager; in its window (audited)" },
  'drill.allClear': { roles: ['safetyManager', 'admin'], scope: "the drill's manager; after the start (audited)" },
  'drill.qr': {
    roles: ['safetyManager', 'admin'],
    scope: "the drill's manager; in its window, not closed or cancelled",
  },
  'drill.checkin': {
    roles: EVERYONE,
    scope: 'valid unexpired token, in the window and the circle, once per person; rate-limited; personId only',
  },
  'drill.addByHand': {
    roles: ['safetyManager', 'admin'],
    scope: "the drill's manager; a bound worker by personId or a name, marked by hand (audited)",
  },
  'drill.participants': {
    roles: ['safetyManager', 'admin', 'leader'],
    scope: "the drill's manager, 安委办 and leaders; personIds, never openids",
  },
  'drill.close': {
    roles: ['safetyManager', 'admin'],
    scope: "the drill's manager, after the all-clear; own uploaded photos; marks the enterprise's drill duty (audited)",
  },
  // drillio — the closed record as .xlsx (its own function: exceljs stays out of the check-in bundle).
  'drillio.exportRecord': {
    roles: ['safetyManager', 'admin', 'leader'],
    scope: 'a closed drill: its manager, 安委办 and leaders; names, never openids',
  },

  // exposure — 曝光台 (issue 11, seed §24): public to everyone signed in; on and off the board only by 安委办.
  'exposure.board': {
    roles: EVERYONE,
    scope: 'listed items only: category, cleaned text, 居民区/村, deadline, status; never a person, address or photo',
  },
  'exposure.manage': {
    roles: ['admin', 'leader'],
    scope: 'every item, taken-off ones too, with who decided by display name; open major hazards not listed',
  },
  'exposure.supervise': { roles: ['admin'], scope: '挂牌督办 of an open major hazard (ledger), with a note; audited' },
  'exposure.withdraw': { roles: ['admin'], scope: 'takes a listed item off with a reason; history kept; audited' },

  // people — invite codes and the roles they grant (issue 7).
  'people.invite': {
    roles: ['admin', 'head', 'safetyManager'],
    scope:
      '安委办 any code; a head staff codes for their department; a manager worker codes for their active enterprise',
  },
  'people.invites': {
    roles: ['admin', 'head', 'safetyManager'],
    scope: "own codes; 安委办 everybody's; never the code",
  },
  'people.revokeInvite': { roles: ['admin', 'head', 'safetyManager'], scope: "own codes; 安委办 anybody's" },
  'people.list': { roles: ['admin', 'leader'], scope: 'personIds, never openids' },
  'people.revoke': { roles: ['admin'], scope: 'anyone but the caller' },

  // training — 安全培训 (issue 9): lessons, quizzes, practice and the 错题本 are everyone's own; answer keys only
  // after submit; managers see their own enterprise, 安委办 the whole town.
  'training.lessons': { roles: EVERYONE, scope: 'own reading progress' },
  'training.lesson': { roles: EVERYONE, scope: 'own reading progress' },
  'training.lessonRead': { roles: EVERYONE, scope: 'own reading progress' },
  'training.quizCreate': {
    roles: ['admin', 'safetyManager'],
    scope: '安委办 any audience; a safety manager only for their own enterprise',
  },
  'training.quizzes': { roles: EVERYONE, scope: 'quizzes whose audience includes the caller; own attempts' },
  'training.start': { roles: EVERYONE, scope: 'quizzes for the caller, in their window, within the attempt limit' },
  'training.save': { roles: EVERYONE, scope: 'own open attempt, before its deadline and grace' },
  'training.submit': { roles: EVERYONE, scope: 'own open attempt, once, before its deadline and grace' },
  'training.review': { roles: EVERYONE, scope: 'own attempt, only once it is over' },
  'training.history': { roles: EVERYONE, scope: 'own attempts' },
  'training.practice': { roles: EVERYONE, scope: 'a question without its answer' },
  'training.practiceAnswer': { roles: EVERYONE, scope: 'own 错题本' },
  'training.wrongBook': { roles: EVERYONE, scope: 'own 错题本' },
  'training.verifyCertificate': { roles: EVERYONE, scope: 'a certificate by its code (name, quiz, score, date)' },
  'training.assign': { roles: ['safetyManager'], scope: "own enterprise's workers" },
  'training.progress': {
    roles: ['safetyManager', 'admin', 'leader'],
    scope: 'a manager their own enterprise; 安委办 and leaders any',
  },
  'training.stats': { roles: ['admin', 'leader'], scope: 'per-question statistics of a quiz' },
  'training.leaderboard': {
    roles: EVERYONE,
    scope: "a contest round's board: displayName or 匿名学员, enterprise and area names; never a personId or openid",
  },
  'training.coverage': { roles: ['admin', 'leader'], scope: 'workers, took and passed per enterprise and industry' },
  // 安委办's list of every quiz (training-office.ts), for the 培训考核 page.
  'training.quizList': { roles: ['admin', 'leader'], scope: 'every quiz, any audience (title, rules, window)' },
  // 安委办's question bank (answers included: 安委办 writes it; leaders read it). Edits raise the version,
  // retired questions are never drawn; attempts keep their own paper.
  'training.questions': { roles: ['admin', 'leader'], scope: 'the whole bank with answer keys' },
  'training.saveQuestion': { roles: ['admin'], scope: 'create, or edit the version read (audited)' },
  'training.retireQuestion': { roles: ['admin'], scope: 'retire / restore (audited); past attempts unchanged' },
  // trainingio — the bank as .xlsx (its own function: exceljs stays out of the other bundles).
  'trainingio.exportQuestions': { roles: ['admin', 'leader'], scope: 'the whole bank with answer keys' },
  'trainingio.importQuestions': { roles: ['admin'], scope: 'all rows valid or nothing written (audited)' },

  // scheduler — the hourly sweep (tip-offs, then internal reports) runs on the timer; 安委办 may run it by hand.
  'scheduler.sweep': { roles: ['admin'] },

  // Not action tables, so no rows: nobody calls them through dispatch.
  // - the scheduler's timer trigger (cloudfunctions/scheduler/index.ts: only without a caller);
  // - `mediacheck`, the 消息推送 of photo-check results (platform/wx.ts mediaCheckMain refuses a person
  //   calling it; the local gateway has no route to it);
  // - `open311`, the public Open311 export over HTTP access (core/open311-serve.ts; functions.ts HTTP_FUNCTIONS):
  //   no caller identity is read and only public report data is answered, to anyone.
};

/** The answer to a caller whose roles the table does not list; tests tell it apart from scope refusals. */
export const ROLE_DENIED = '您的身份无权进行此操作';
/** The answer for an action that has no row (a new action someone forgot to add): nobody may call it. */
export const NO_ROW = '该操作尚未开放';

export function accessRule(fn: string, action: string): AccessRule | undefined {
  const key = `${fn}.${action}`;
  return Object.prototype.hasOwnProperty.call(ACCESS, key) ? ACCESS[key] : undefined;
}

/** Whether a caller holding `roles` may call `fn.action` (false for an action without a row). */
export function mayCall(fn: string, action: string, roles: readonly Role[]): boolean {
  const rule = accessRule(fn, action);
  return !!rule && roles.some((r) => rule.roles.includes(r));
}
