import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttemptView, QuizSummary } from '../../../../types/training';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { a11y, Button, Dialog, ErrorState, pressable } from '../../../components/ui';
import { formatChineseDate } from '../../../components/ui/DatePicker';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import { goTo } from '../../../services/navigate';
import { QuestionView, type ShownQuestion } from '../../components/QuestionView';
import { clearPending, dropAll, putPending, readPending } from '../../save-queue';
import { attemptsLeft, formatRemaining, PAGES, quizStateText } from '../../training';
import '../../training.css';
import './index.css';

/** A failed save is tried again after this long (and before 交卷). */
export const RETRY_MS = 5000;
/** The countdown turns orange in the last five minutes. */
const WARN_MS = 5 * 60_000;

interface Paper {
  id: string;
  quizTitle: string;
  deadlineMs: number;
  questions: (ShownQuestion & { n: number })[];
}

/**
 * Only what the page shows is kept from the server's answer, field by field: whatever else a response carries
 * (an `answer` key included) never reaches the screen.
 */
function paperOf(view: AttemptView): Paper {
  return {
    id: view.id,
    quizTitle: view.quizTitle,
    deadlineMs: Date.parse(view.deadline),
    questions: view.questions.map((q) => ({
      n: q.n,
      type: q.type,
      stem: q.stem,
      options: q.options.map((o) => ({ key: o.key, text: o.text })),
    })),
  };
}

type SaveState = 'saved' | 'saving' | 'unsaved';

function QuizIntro({
  quiz,
  starting,
  error,
  onStart,
}: {
  quiz: QuizSummary;
  starting: boolean;
  error?: string;
  onStart: () => void;
}) {
  const [confirm, setConfirm] = useState(false);
  return (
    <View className="training-section quiz-intro">
      <Text className="training-section__title">{quiz.title}</Text>
      <Text className="training-text">
        共 {quiz.questionCount} 题，限时 {quiz.timeLimitMinutes} 分钟，{quiz.passPercent} 分及格（满分 100 分）。
      </Text>
      <Text className="training-text">
        作答次数：{quiz.attemptsAllowed === 0 ? '不限' : `共 ${quiz.attemptsAllowed} 次，已用 ${quiz.attemptsUsed} 次`}
        {quiz.dueOn ? `；请在 ${formatChineseDate(quiz.dueOn)}前完成` : ''}
      </Text>
      <Text className="training-hint">每选一个答案都会马上保存；网络断了也不会丢，恢复后自动补存。</Text>
      {quiz.state !== 'open' && (
        <Text className="training-message training-message--info">
          {quizStateText(quiz)}
          {quiz.state === 'upcoming' ? `，${quiz.opensOn} 开始` : ''}
        </Text>
      )}
      {error && (
        <Text className="training-message training-message--error" {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      )}
      {quiz.state === 'open' && (
        <View className="training-actions">
          <Button
            kind="primary"
            className="quiz-intro__start"
            loading={starting}
            loadingText="正在发卷…"
            onClick={() => setConfirm(true)}
          >
            开始答题
          </Button>
        </View>
      )}
      <Dialog
        open={confirm}
        title="现在开始答题？"
        consequence={`开始后计时 ${quiz.timeLimitMinutes} 分钟，中途退出也会继续计时；本次算作 1 次作答（${attemptsLeft(quiz)}）。`}
        confirmText="开始"
        onConfirm={() => {
          setConfirm(false);
          onStart();
        }}
        onCancel={() => setConfirm(false)}
      />
    </View>
  );
}

export default function QuizPage() {
  const quizId = useRouter().params.id ?? '';
  const list = useRemote(() => api.training.quizzes(), [quizId]);
  const quiz = list.data?.find((q) => q.id === quizId);

  const [paper, setPaper] = useState<Paper>();
  const [startError, setStartError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [saveState, setSaveState] = useState<Record<string, SaveState>>({});
  const [index, setIndex] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string>();
  const [closed, setClosed] = useState<string>();
  const done = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout>>();
  const flushing = useRef<Promise<number>>();

  const finishTo = useCallback((attemptId: string) => {
    done.current = true;
    dropAll(attemptId);
    void goTo(PAGES.result(attemptId), { replace: true });
  }, []);

  /** Sends every queued answer; returns how many are still not saved. */
  const flush = useCallback((attemptId: string): Promise<number> => {
    if (flushing.current) return flushing.current;
    const run = (async () => {
      const pending = readPending(attemptId);
      let left = 0;
      for (const [n, keys] of Object.entries(pending)) {
        setSaveState((s) => ({ ...s, [n]: 'saving' }));
        try {
          await api.training.save(attemptId, Number(n), keys);
          clearPending(attemptId, Number(n), keys);
          setSaveState((s) => ({ ...s, [n]: 'saved' }));
        } catch (e) {
          const err = asCloudError(e, '保存失败');
          if (err.code === 'CONFLICT') {
            // Handed in or out of time: nothing more can be saved.
            setClosed(err.message);
            return 0;
          }
          left++;
          setSaveState((s) => ({ ...s, [n]: 'unsaved' }));
        }
      }
      return left;
    })();
    flushing.current = run;
    return run.finally(() => (flushing.current = undefined));
  }, []);

  const scheduleRetry = useCallback(
    (attemptId: string) => {
      if (retryTimer.current || done.current) return;
      retryTimer.current = setTimeout(() => {
        retryTimer.current = undefined;
        void flush(attemptId).then((left) => left > 0 && scheduleRetry(attemptId));
      }, RETRY_MS);
    },
    [flush],
  );

  useEffect(() => () => clearTimeout(retryTimer.current), []);

  const begin = useCallback(async () => {
    setStarting(true);
    setStartError(undefined);
    try {
      const view = await api.training.start(quizId);
      const p = paperOf(view);
      const pending = readPending(p.id);
      const saved: Record<string, string[]> = {};
      for (const [n, keys] of Object.entries(view.saved ?? {})) saved[n] = [...keys];
      setAnswers({ ...saved, ...pending });
      setSaveState(Object.fromEntries(Object.keys(pending).map((n) => [n, 'unsaved' as SaveState])));
      const firstOpen = p.questions.findIndex((q) => !(saved[q.n] ?? pending[q.n])?.length);
      setIndex(firstOpen < 0 ? 0 : firstOpen);
      setNow(Date.now());
      setPaper(p);
      // Answers left from an earlier visit without a connection: send them now.
      if (Object.keys(pending).length) {
        void flush(p.id).then((left) => left > 0 && scheduleRetry(p.id));
      }
    } catch (e) {
      setStartError(asCloudError(e, '发卷失败，请重试').message);
    } finally {
      setStarting(false);
    }
  }, [quizId, flush, scheduleRetry]);

  // An unfinished attempt resumes at once (继续答题).
  const resumed = useRef(false);
  useEffect(() => {
    if (quiz?.openAttemptId && !resumed.current) {
      resumed.current = true;
      void begin();
    }
  }, [quiz, begin]);

  const choose = (n: number, keys: string[]) => {
    if (!paper || closed || submitting) return;
    setAnswers((a) => ({ ...a, [n]: keys }));
    putPending(paper.id, n, keys);
    setSaveState((s) => ({ ...s, [n]: 'saving' }));
    const id = paper.id;
    api.training
      .save(id, n, keys)
      .then(() => {
        clearPending(id, n, keys);
        // A newer answer to the same question may still be on its way.
        if (!readPending(id)[String(n)]) setSaveState((s) => ({ ...s, [n]: 'saved' }));
      })
      .catch((e: unknown) => {
        const err = asCloudError(e, '保存失败');
        if (err.code === 'CONFLICT') {
          setClosed(err.message);
          return;
        }
        setSaveState((s) => ({ ...s, [n]: 'unsaved' }));
        scheduleRetry(id);
      });
  };

  const submit = useCallback(
    async (auto: boolean) => {
      if (!paper || done.current) return;
      setConfirming(false);
      setSubmitting(true);
      setSubmitError(undefined);
      const left = await flush(paper.id);
      if (left > 0 && !auto) {
        setSubmitting(false);
        setSubmitError(`还有 ${left} 题的答案没有保存成功，请检查网络后再交卷（答案不会丢，会自动重试）。`);
        scheduleRetry(paper.id);
        return;
      }
      try {
        await api.training.submit(paper.id);
        finishTo(paper.id);
      } catch (e) {
        const err = asCloudError(e, '交卷失败，请重试');
        // Already handed in, or the time ran out: the saved answers are handed in; the result shows them.
        if (err.code === 'CONFLICT') finishTo(paper.id);
        else {
          setSubmitting(false);
          setSubmitError(`${err.message}`);
        }
      }
    },
    [paper, flush, finishTo, scheduleRetry],
  );

  // The countdown: always the server's deadline minus the clock now, recomputed every second (it cannot drift).
  useEffect(() => {
    if (!paper) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [paper]);
  const remaining = paper ? paper.deadlineMs - now : 0;
  const timeUp = !!paper && remaining <= 0;
  const autoSent = useRef(false);
  useEffect(() => {
    if (timeUp && !autoSent.current) {
      autoSent.current = true;
      void submit(true);
    }
  }, [timeUp, submit]);

  if (!paper) {
    return (
      <Shell className="training quiz">
        {quiz && !quiz.openAttemptId ? (
          <QuizIntro quiz={quiz} starting={starting} error={startError} onStart={() => void begin()} />
        ) : startError ? (
          <ErrorState message={startError} onRetry={() => void begin()} />
        ) : (
          <PageState
            loading={list.loading || starting || !!quiz?.openAttemptId}
            error={list.error}
            empty={!!list.data && !quiz}
            emptyText="没有找到这份试卷，或它不面向您"
            onRetry={list.reload}
          />
        )}
      </Shell>
    );
  }

  const total = paper.questions.length;
  const q = paper.questions[index];
  const answered = paper.questions.filter((x) => (answers[x.n] ?? []).length > 0).length;
  const unanswered = total - answered;
  const unsaved = Object.values(saveState).filter((s) => s === 'unsaved').length;
  const state = saveState[q.n];
  const mine = answers[q.n] ?? [];

  return (
    <Shell className="training quiz">
      <View className={`quiz-bar ${remaining < WARN_MS ? 'quiz-bar--warn' : ''}`}>
        <Text className="quiz-bar__time" {...a11y({ role: 'timer' })}>
          {timeUp ? '时间到，正在交卷…' : `剩余 ${formatRemaining(remaining)}`}
        </Text>
        <Text className="quiz-bar__count">
          已答 {answered}/{total}
        </Text>
      </View>
      {unsaved > 0 && (
        <Text className="training-message training-message--warning quiz__unsaved" {...a11y({ role: 'status' })}>
          有 {unsaved} 题未保存（网络不通），将自动重试，答案不会丢
        </Text>
      )}
      {closed && (
        <View className="training-section quiz__closed">
          <Text className="training-message training-message--error" {...a11y({ role: 'alert' })}>
            {closed}
          </Text>
          <View className="training-actions">
            <Button kind="primary" onClick={() => finishTo(paper.id)}>
              查看成绩
            </Button>
          </View>
        </View>
      )}
      <View className="training-section quiz__question">
        <Text className="quiz__position">
          第 {index + 1} 题 / 共 {total} 题
        </Text>
        <QuestionView
          question={q}
          chosen={mine}
          onChoose={(keys) => choose(q.n, keys)}
          disabled={!!closed || submitting}
        />
        {mine.length > 0 && (
          <Text className={`quiz__save quiz__save--${state ?? 'saved'}`} {...a11y({ role: 'status' })}>
            {state === 'unsaved' ? '未保存，将自动重试' : state === 'saving' ? '正在保存…' : '已保存'}
          </Text>
        )}
        <View className="quiz__nav">
          <Button className="quiz__prev" disabled={index === 0} onClick={() => setIndex(index - 1)}>
            上一题
          </Button>
          <Button
            kind="primary"
            className="quiz__next"
            disabled={index === total - 1}
            onClick={() => setIndex(index + 1)}
          >
            下一题
          </Button>
        </View>
      </View>

      <View className="training-section quiz__sheet">
        <Text className="training-section__title">答题卡</Text>
        <Text className="training-hint">点题号可跳到该题。蓝色为已答。</Text>
        <View className="quiz__numbers">
          {paper.questions.map((x, i) => {
            const has = (answers[x.n] ?? []).length > 0;
            return (
              <View
                key={x.n}
                className={`quiz__number ${has ? 'quiz__number--done' : ''} ${i === index ? 'quiz__number--current' : ''}`}
                {...a11y({
                  role: 'button',
                  label: `第 ${i + 1} 题，${has ? '已答' : '未答'}${i === index ? '，当前题' : ''}`,
                })}
                {...pressable(() => setIndex(i))}
              >
                {i + 1}
              </View>
            );
          })}
        </View>
        {submitError && (
          <Text className="training-message training-message--error quiz__submit-error" {...a11y({ role: 'alert' })}>
            {submitError}
          </Text>
        )}
        <View className="training-actions">
          <Button
            kind="primary"
            className="quiz__submit"
            loading={submitting}
            loadingText="正在交卷…"
            disabled={!!closed && !timeUp}
            onClick={() => setConfirming(true)}
          >
            交卷
          </Button>
        </View>
      </View>

      <Dialog
        open={confirming}
        title="确认交卷？"
        consequence={
          unanswered > 0
            ? `还有 ${unanswered} 题没有作答，没答的不得分。交卷后不能再修改答案。`
            : `${total} 题都已作答。交卷后不能再修改答案。`
        }
        confirmText="交卷"
        onConfirm={() => void submit(false)}
        onCancel={() => setConfirming(false)}
      />
    </Shell>
  );
}
