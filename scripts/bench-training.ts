// The training part of `npm run bench` (issue 9): training.start and training.submit latency (p50/p95) with
// BENCH_ATTEMPTS stored attempts (default 10,000), and the database operations each makes. Measured, never typed
// in. Also runs alone: `npx tsx scripts/bench-training.ts`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../cloudfunctions/core/action';
import { ATTEMPTS, ATTEMPT_COUNTERS, type AttemptDoc } from '../cloudfunctions/core/actions/training';
import { FUNCTIONS } from '../cloudfunctions/core/functions';
import { personId } from '../cloudfunctions/core/roles';
import { isoTown } from '../cloudfunctions/core/time';
import { activeQuestions, ensureBank } from '../cloudfunctions/core/training/bank-store';
import { drawPaper } from '../cloudfunctions/core/training/paper';
import { scoreAttempt } from '../cloudfunctions/core/training/scoring';
import { openLocalRuntime, type LocalRuntime } from '../local-engine/runtime';
import { seedDemoData } from '../local-engine/seed';

const ATTEMPTS_STORED = Number(process.env.BENCH_ATTEMPTS ?? 10000);
const SAMPLES = Number(process.env.BENCH_TRAINING_SAMPLES ?? 200);
const BUDGET = { startP95: 30, submitP95: 30 };

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { p50: at(50), p95: at(95), max: s[s.length - 1] };
}
const fmt = (n: number) => n.toFixed(2).padStart(8);

export async function benchTraining(runtime: LocalRuntime): Promise<void> {
  const { deps, db } = runtime;
  const call = (action: string, input: Record<string, unknown>, openid: string) =>
    dispatch(FUNCTIONS.training, { action, ...input }, openid, deps);
  const must = async <T>(label: string, p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>) => {
    const res = await p;
    if (!res.ok) throw new Error(`${label} failed: ${JSON.stringify(res.error)}`);
    return res.data as T;
  };

  console.log(`\n== training, ${ATTEMPTS_STORED.toLocaleString('en')} stored attempts ==`);
  const quizInput = {
    title: '消防安全知识测验（压测）',
    draw: [
      { topic: 'fire', count: 10 },
      { topic: 'major-hazard', count: 10 },
    ],
    passPercent: 60,
    timeLimitMinutes: 30,
    attemptsAllowed: 0,
    opensOn: '2026-01-01',
    closesOn: '2027-12-31',
    audience: 'everyone',
  };
  const { id: quizId } = await must<{ id: string }>('quizCreate', call('quizCreate', quizInput, 'admin-demo'));

  // Attempts shaped like real ones (a drawn paper with keys, saved answers, scored), bulk-loaded: 2,000 people,
  // five handed-in attempts each, spread over the last year.
  const t0 = performance.now();
  const at = isoTown(deps.now());
  await ensureBank(db, at);
  const bank = await activeQuestions(db, ['fire', 'major-hazard']);
  const nowMs = deps.now().getTime();
  const docs: AttemptDoc[] = [];
  const counters = new Map<string, { _id: string; used: number; openAttemptId: null }>();
  let seed = 1;
  const rand = (n: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  for (let i = 0; i < ATTEMPTS_STORED; i++) {
    const who = personId(`bench-learner-${i % 2000}`, deps.reporterKeySecret);
    const seq = Math.floor(i / 2000) + 1;
    const paper = drawPaper(bank, quizInput.draw as Parameters<typeof drawPaper>[1], rand);
    const saved = Object.fromEntries(paper.map((p) => [String(p.n), rand(3) ? p.answer : [p.options[0].key]]));
    const s = scoreAttempt(paper, saved, 60);
    const startedMs = nowMs - 365 * 86_400_000 + i * 3_000_000;
    docs.push({
      _id: `${quizId}_${who}_${seq}`,
      quizId,
      quizTitle: quizInput.title,
      person: who,
      ...(i % 3 === 0 ? { enterpriseId: 'ENT-DEMO' } : {}),
      seq,
      paper,
      saved,
      passPercent: 60,
      startedAt: isoTown(new Date(startedMs)),
      deadlineMs: startedMs + 30 * 60_000,
      status: 'submitted',
      score: s.score,
      total: s.total,
      scorePercent: s.scorePercent,
      passed: s.passed,
      submittedAt: isoTown(new Date(startedMs + 600_000)),
    });
    counters.set(`${quizId}_${who}`, { _id: `${quizId}_${who}`, used: seq, openAttemptId: null });
  }
  db.bulkInsert(ATTEMPTS, docs as unknown as Record<string, unknown>[]);
  db.bulkInsert(ATTEMPT_COUNTERS, [...counters.values()]);
  console.log(`generated and stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Warm up, then one at a time: start a new attempt, then hand it in (20 answers saved between, not timed).
  const learner = (i: number) => `bench-learner-${i % 2000}`;
  for (let i = 0; i < 10; i++) {
    const v = await must<{ id: string }>('start', call('start', { quizId }, `bench-warm-${i}`));
    await must('submit', call('submit', { attemptId: v.id }, `bench-warm-${i}`));
  }
  const startMs: number[] = [];
  const submitMs: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    let t = performance.now();
    const v = await must<{ id: string; questions: { n: number; options: { key: string }[] }[] }>(
      'start',
      call('start', { quizId }, learner(i)),
    );
    startMs.push(performance.now() - t);
    for (const q of v.questions.slice(0, 5)) {
      await must('save', call('save', { attemptId: v.id, n: q.n, answer: [q.options[0].key] }, learner(i)));
    }
    t = performance.now();
    await must('submit', call('submit', { attemptId: v.id }, learner(i)));
    submitMs.push(performance.now() - t);
  }
  const s = stats(startMs);
  const u = stats(submitMs);
  console.log(`${'action'.padEnd(18)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}   budget`);
  console.log(
    `${'training.start'.padEnd(18)}${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.max)}   p95 ≤ ${BUDGET.startP95} ms ${s.p95 <= BUDGET.startP95 ? 'ok' : 'OVER'}`,
  );
  console.log(
    `${'training.submit'.padEnd(18)}${fmt(u.p50)} ${fmt(u.p95)} ${fmt(u.max)}   p95 ≤ ${BUDGET.submitP95} ms ${u.p95 <= BUDGET.submitP95 ? 'ok' : 'OVER'}`,
  );

  console.log('\n== database operations per training action ==');
  const measureOps = async (label: string, fn: () => Promise<{ ok: boolean; data?: unknown; error?: unknown }>) => {
    db.resetStats();
    const t = performance.now();
    const res = await fn();
    const ms = performance.now() - t;
    if (!res.ok) throw new Error(`${label} failed: ${JSON.stringify(res.error)}`);
    const { reads, writes } = db.stats();
    console.log(
      `${label.padEnd(28)} reads ${String(reads).padStart(2)}  writes ${String(writes).padStart(2)}  total ${String(reads + writes).padStart(2)}  ${ms.toFixed(1).padStart(7)} ms`,
    );
    return res.data;
  };
  const who = 'bench-ops-learner';
  const view = (await measureOps('training.start (new)', () => call('start', { quizId }, who))) as {
    id: string;
    questions: { options: { key: string }[] }[];
  };
  await measureOps('training.start (resume)', () => call('start', { quizId }, who));
  await measureOps('training.save', () =>
    call('save', { attemptId: view.id, n: 1, answer: [view.questions[0].options[0].key] }, who),
  );
  await measureOps('training.submit', () => call('submit', { attemptId: view.id }, who));
  await measureOps('training.quizzes', () => call('quizzes', {}, who));
  await measureOps('training.history', () => call('history', { page: 1, pageSize: 20 }, learner(1)));
}

// Alone: a fresh local engine with the demo seed.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  (async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mx-bench-training-'));
    const runtime = openLocalRuntime(dataDir, { quiet: true });
    await seedDemoData(runtime.deps);
    await benchTraining(runtime);
    runtime.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
