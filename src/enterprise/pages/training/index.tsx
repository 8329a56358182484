import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { QuizProgress, QuizSummary } from '../../../../types/training';
import { QuizForm } from '../../../components/training/QuizForm';
import '../../../components/training/training-desk.css';
import { Badge, Button, Dialog, Empty, ErrorState, Field, Loading, a11y } from '../../../components/ui';
import { DatePicker, formatChineseDate } from '../../../components/ui/DatePicker';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import { formatTime, townToday } from '../../../services/format';
import { EnterpriseGate } from '../../components/Gate';

const STATE_WORDS: Record<QuizSummary['state'], string> = {
  open: '进行中',
  upcoming: '尚未开始',
  closed: '已结束',
  exhausted: '进行中',
};

const shortDate = (ymd: string) => formatChineseDate(ymd).replace(/（.*$/, '');

/** The rules of a quiz in one line people read. */
export function quizRules(
  q: Pick<QuizSummary, 'questionCount' | 'passPercent' | 'timeLimitMinutes' | 'attemptsAllowed'>,
) {
  const tries = q.attemptsAllowed === 0 ? '不限次数' : `每人可考 ${q.attemptsAllowed} 次`;
  return `共 ${q.questionCount} 题 · ${q.passPercent} 分及格 · 限时 ${q.timeLimitMinutes} 分钟 · ${tries}`;
}

/** 布置给员工: a due date within the quiz's window, then a confirmation. */
function AssignForm({
  quiz,
  onDone,
  onCancel,
}: {
  quiz: QuizSummary;
  onDone: (dueOn: string) => void;
  onCancel: () => void;
}) {
  const today = townToday();
  const [dueOn, setDueOn] = useState(quiz.dueOn ?? '');
  const [error, setError] = useState<string>();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const check = () => {
    if (!dueOn) return setError('请选择完成期限');
    if (dueOn < today) return setError('完成期限不能早于今天');
    if (dueOn > quiz.closesOn) return setError(`完成期限不能晚于考试结束日期（${shortDate(quiz.closesOn)}）`);
    setConfirm(true);
  };
  const save = async () => {
    setBusy(true);
    try {
      const r = await api.training.assign(quiz.id, dueOn);
      setConfirm(false);
      onDone(r.dueOn);
    } catch (e) {
      setConfirm(false);
      setError(asCloudError(e, '布置失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="assign-form">
      <Field label="完成期限" required hint="到期前会提醒还没通过的员工" error={error}>
        <DatePicker
          className="assign-form__due"
          label="完成期限"
          value={dueOn}
          start={today}
          onChange={(d) => {
            setDueOn(d);
            setError(undefined);
          }}
        />
      </Field>
      <View className="desk9-buttons">
        <Button disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button kind="primary" className="assign-form__save" onClick={check}>
          布置…
        </Button>
      </View>
      <Dialog
        open={confirm}
        title={`把“${quiz.title}”布置给本企业员工？`}
        consequence={`员工会在“安全培训”里看到这份考试，须在 ${dueOn ? formatChineseDate(dueOn) : ''} 前完成。${quiz.dueOn ? '原来的完成期限将被替换。' : ''}`}
        confirmText="确认布置"
        busy={busy}
        onConfirm={() => void save()}
        onCancel={() => setConfirm(false)}
      />
    </View>
  );
}

type Person = QuizProgress['people'][number];
/** 未参加 first, then 未通过, then 已通过; by name within each. */
const rank = (p: Person) => (p.passed ? 2 : p.attempts > 0 ? 1 : 0);

/** Completion and pass per worker: the figures, then each person (未完成 first). */
function ProgressView({ quizId }: { quizId: string }) {
  const progress = useRemote(() => api.training.progress(quizId), [quizId]);
  if (!progress.data)
    return progress.error ? (
      <ErrorState message={progress.error.message} onRetry={progress.reload} />
    ) : (
      <Loading text="正在统计…" />
    );
  const p = progress.data;
  const people = [...p.people].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh'));
  const done = p.people.filter((x) => x.attempts > 0).length;
  const passed = p.people.filter((x) => x.passed).length;
  return (
    <View className="progress">
      <View className="desk9-figures">
        <View className="desk9-figure">
          <Text className="desk9-figure__value progress__completion">{p.completionPercent}%</Text>
          <Text className="desk9-figure__label">
            完成率（{done}/{p.workers} 人考过）
          </Text>
        </View>
        <View className="desk9-figure">
          <Text className="desk9-figure__value progress__pass">{p.passPercent}%</Text>
          <Text className="desk9-figure__label">
            合格率（{passed}/{p.workers} 人通过）
          </Text>
        </View>
      </View>
      {people.length === 0 ? (
        <Empty text="本企业还没有已加入的员工。请先在企业安全台邀请员工加入。" />
      ) : (
        people.map((x) => (
          <View key={x.personId} className="desk9-row progress__person">
            <View className="desk9-row__head">
              <Text className="desk9-row__name">{x.name}</Text>
              <Badge tone={x.passed ? 'success' : x.attempts > 0 ? 'danger' : 'warning'}>
                {x.passed ? '已通过' : x.attempts > 0 ? '未通过' : '未完成'}
              </Badge>
            </View>
            <Text className="desk9-card__line">
              {x.attempts > 0
                ? `考了 ${x.attempts} 次 · 最好成绩 ${x.bestScorePercent ?? 0} 分 · 最近 ${formatTime(x.lastAt)}`
                : '还没有交卷'}
            </Text>
          </View>
        ))
      )}
    </View>
  );
}

function QuizCard({ quiz, onAssigned }: { quiz: QuizSummary; onAssigned: (title: string, dueOn: string) => void }) {
  const [open, setOpen] = useState<'assign' | 'progress'>();
  return (
    <View className="desk9-card quiz-card">
      <Text className="desk9-card__title">{quiz.title}</Text>
      <View className="desk9-badges">
        <Badge tone={quiz.state === 'closed' ? 'neutral' : quiz.state === 'upcoming' ? 'info' : 'success'}>
          {STATE_WORDS[quiz.state]}
        </Badge>
        {quiz.kind === 'contest' && <Badge tone="primary">知识竞赛</Badge>}
        {quiz.dueOn && <Badge tone="warning">已布置</Badge>}
      </View>
      <Text className="desk9-card__line">{quizRules(quiz)}</Text>
      <Text className="desk9-card__line">
        答题日期：{shortDate(quiz.opensOn)} 至 {shortDate(quiz.closesOn)}
      </Text>
      {quiz.dueOn && (
        <Text className="desk9-card__line quiz-card__due">员工完成期限：{formatChineseDate(quiz.dueOn)}</Text>
      )}
      {quiz.state !== 'closed' && open !== 'assign' && (
        <View className="desk9-buttons">
          <Button className="quiz-card__assign" onClick={() => setOpen('assign')}>
            {quiz.dueOn ? '修改完成期限' : '布置给员工'}
          </Button>
          <Button className="quiz-card__progress" onClick={() => setOpen(open === 'progress' ? undefined : 'progress')}>
            {open === 'progress' ? '收起完成情况' : '查看完成情况'}
          </Button>
        </View>
      )}
      {quiz.state === 'closed' && (
        <View className="desk9-buttons">
          <Button className="quiz-card__progress" onClick={() => setOpen(open === 'progress' ? undefined : 'progress')}>
            {open === 'progress' ? '收起完成情况' : '查看完成情况'}
          </Button>
        </View>
      )}
      {open === 'assign' && (
        <AssignForm
          quiz={quiz}
          onCancel={() => setOpen(undefined)}
          onDone={(dueOn) => {
            setOpen('progress');
            onAssigned(quiz.title, dueOn);
          }}
        />
      )}
      {open === 'progress' && <ProgressView quizId={quiz.id} />}
    </View>
  );
}

function TrainingDesk({ enterpriseId }: { enterpriseId: string }) {
  const quizzes = useRemote(() => api.training.quizzes(), []);
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState<string>();
  return (
    <View className="ent-training">
      {done && (
        <Text className="desk9-status ent-training__done" {...a11y({ role: 'status' })}>
          {done}
        </Text>
      )}
      <View className="desk9-section">
        <Text className="desk9-title">新建本企业考试</Text>
        {creating ? (
          <QuizForm
            enterpriseId={enterpriseId}
            onCancel={() => setCreating(false)}
            onCreated={(title) => {
              setCreating(false);
              setDone(`已发布“${title}”。可以在下面把它布置给员工。`);
              quizzes.reload();
            }}
          />
        ) : (
          <>
            <Text className="desk9-note">从镇里的题库按主题抽题，只有本企业人员能看到和参加。</Text>
            <Button
              kind="primary"
              className="ent-training__new"
              onClick={() => {
                setDone(undefined);
                setCreating(true);
              }}
            >
              新建本企业考试
            </Button>
          </>
        )}
      </View>
      <View className="desk9-section">
        <Text className="desk9-title">可用的考试</Text>
        <Text className="desk9-note">包括镇安委办发布的考试和本企业的考试。布置后，员工须在期限前完成。</Text>
        {!quizzes.data ? (
          quizzes.error ? (
            <ErrorState message={quizzes.error.message} onRetry={quizzes.reload} />
          ) : (
            <Loading />
          )
        ) : quizzes.data.length === 0 ? (
          <Empty text="现在没有可用的考试。可以新建一场本企业考试。" />
        ) : (
          quizzes.data.map((q) => (
            <QuizCard
              key={q.id}
              quiz={q}
              onAssigned={(title, dueOn) => {
                setDone(`已把“${title}”布置给员工，完成期限 ${formatChineseDate(dueOn)}。`);
                quizzes.reload();
              }}
            />
          ))
        )}
      </View>
    </View>
  );
}

/** 培训考试 (企业安全管理人员): quizzes for the enterprise, a new own quiz, assignments and progress per worker. */
export default function EnterpriseTrainingPage() {
  return (
    <EnterpriseGate roles={['safetyManager']} className="ent-training-page">
      {(session) =>
        session.enterpriseId ? (
          <TrainingDesk enterpriseId={session.enterpriseId} />
        ) : (
          <View className="desk9-section">
            <Text className="desk9-title">您还没有登记企业</Text>
            <Text className="desk9-note">登记企业并经镇安委办审核通过后，才能为员工布置培训考试。</Text>
          </View>
        )
      }
    </EnterpriseGate>
  );
}
