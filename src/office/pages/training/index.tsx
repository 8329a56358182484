import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { LoginResult } from '../../../../types';
import { TOPIC_NAMES, type QuestionStat, type TrainingTopic } from '../../../../types/training';
import { AUDIENCE_NAMES, type OfficeQuiz } from '../../../../types/training-office';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { QuizForm } from '../../../components/training/QuizForm';
import '../../../components/training/training-desk.css';
import { Badge, Button, Chip, ChipGroup, Empty, ErrorState, Loading, a11y } from '../../../components/ui';
import { formatChineseDate } from '../../../components/ui/DatePicker';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';

const shortDate = (ymd: string) => formatChineseDate(ymd).replace(/（.*$/, '');
const pct = (n: number | null) => (n === null ? '—' : `${n}%`);

/** The flags in plain words: what the figures say and what to do. */
export const FLAG_WORDS: Record<NonNullable<QuestionStat['flag']>, { label: string; meaning: string }> = {
  tooEasy: { label: '太容易', meaning: '几乎人人答对，分不出掌握得好坏，可换一道更有考查意义的题。' },
  tooHard: { label: '太难', meaning: '答对的人很少，请检查课程里是否讲到、题目是否说清楚。' },
  misleading: {
    label: '可能有误导',
    meaning: '总成绩好的人反而更容易答错，题干、选项或答案可能有问题，请核对。',
  },
};

/** Per-question statistics: facility (答对率) and discrimination (区分度), flagged questions first. */
function StatsView({ quizId }: { quizId: string }) {
  const stats = useRemote(() => api.training.stats(quizId), [quizId]);
  if (!stats.data)
    return stats.error ? (
      <ErrorState message={stats.error.message} onRetry={stats.reload} />
    ) : (
      <Loading text="正在统计…" />
    );
  const { attempts, questions } = stats.data;
  if (attempts === 0) return <Empty text="还没有人交卷，暂无题目统计。" />;
  const sorted = [...questions].sort(
    (a, b) => Number(!a.flag) - Number(!b.flag) || a.facilityPercent - b.facilityPercent,
  );
  const flagged = questions.filter((q) => q.flag).length;
  return (
    <View className="stats">
      <Text className="desk9-card__line stats__summary">
        共 {attempts} 份答卷，{questions.length} 道题被抽到{flagged > 0 ? `，${flagged} 道需要留意` : ''}。
      </Text>
      <Text className="desk9-note">
        答对率：答对这道题的人占多少。区分度：总成绩好的人答对、成绩差的人答错的程度，越高越能看出掌握得好坏。
      </Text>
      {sorted.map((q) => (
        <View key={q.questionId} className="desk9-row stats__question">
          <Text className="desk9-row__name stats__stem">{q.stem}</Text>
          <View className="desk9-badges">
            <Badge tone="info">答对率 {q.facilityPercent}%</Badge>
            <Badge tone="neutral">
              {q.discriminationPercent === null ? '区分度：人数太少' : `区分度 ${q.discriminationPercent}%`}
            </Badge>
            {q.flag && <Badge tone={q.flag === 'misleading' ? 'danger' : 'warning'}>{FLAG_WORDS[q.flag].label}</Badge>}
          </View>
          {q.flag && <Text className="desk9-card__line stats__meaning">{FLAG_WORDS[q.flag].meaning}</Text>}
          <Text className="desk9-note">{q.attempts} 人答过</Text>
        </View>
      ))}
    </View>
  );
}

type By = 'enterprise' | 'industry';
const COVERAGE_SHOWN = 20;

/** Coverage per enterprise (lowest first) or per industry, of one quiz or of every quiz. */
function CoverageView({ quizId }: { quizId?: string }) {
  const coverage = useRemote(() => api.training.coverage(quizId), [quizId]);
  const [by, setBy] = useState<By>('enterprise');
  const [all, setAll] = useState(false);
  if (!coverage.data)
    return coverage.error ? (
      <ErrorState message={coverage.error.message} onRetry={coverage.reload} />
    ) : (
      <Loading text="正在统计…" />
    );
  const c = coverage.data;
  const rows =
    by === 'enterprise'
      ? c.enterprises.map((e) => ({ ...e, key: e.enterpriseId, sub: e.industryName }))
      : c.industries.map((i) => ({ ...i, key: i.industry, name: i.industryName, sub: `${i.enterprises} 家企业` }));
  const shown = all ? rows : rows.slice(0, COVERAGE_SHOWN);
  return (
    <View className="coverage">
      <View className="desk9-figures">
        <View className="desk9-figure">
          <Text className="desk9-figure__value coverage__total">{pct(c.total.coveragePercent)}</Text>
          <Text className="desk9-figure__label">
            参训率（{c.total.took}/{c.total.workers} 人考过）
          </Text>
        </View>
        <View className="desk9-figure">
          <Text className="desk9-figure__value">{pct(c.total.passRatePercent)}</Text>
          <Text className="desk9-figure__label">合格率（考过的人中 {c.total.passed} 人通过）</Text>
        </View>
      </View>
      {c.truncated && <Text className="desk9-note">数据较多，只统计了前一部分人员和答卷。</Text>}
      <ChipGroup label="统计方式" className="coverage__by">
        <Chip active={by === 'enterprise'} label="按企业" onClick={() => setBy('enterprise')} />
        <Chip active={by === 'industry'} label="按行业" onClick={() => setBy('industry')} />
      </ChipGroup>
      {rows.length === 0 ? (
        <Empty text="还没有在册的企业。" />
      ) : (
        <>
          <Text className="desk9-note">参训率低的排在前面。</Text>
          {shown.map((r) => (
            <View key={r.key} className="desk9-row coverage__row">
              <View className="desk9-row__head">
                <Text className="desk9-row__name">{r.name}</Text>
                <Badge tone={r.coveragePercent === null ? 'neutral' : r.coveragePercent < 60 ? 'warning' : 'success'}>
                  {r.coveragePercent === null ? '暂无人员' : `参训 ${r.coveragePercent}%`}
                </Badge>
              </View>
              <Text className="desk9-card__line">
                {r.sub} · {r.workers} 人，考过 {r.took} 人，通过 {r.passed} 人
                {r.passRatePercent === null ? '' : `（合格率 ${r.passRatePercent}%）`}
              </Text>
            </View>
          ))}
          {rows.length > COVERAGE_SHOWN && (
            <Button className="coverage__all" onClick={() => setAll(!all)}>
              {all ? '收起' : `显示全部 ${rows.length} 项`}
            </Button>
          )}
        </>
      )}
    </View>
  );
}

function QuizCard({ quiz }: { quiz: OfficeQuiz }) {
  const [open, setOpen] = useState<'stats' | 'coverage'>();
  const toggle = (v: 'stats' | 'coverage') => setOpen(open === v ? undefined : v);
  const tries = quiz.attemptsAllowed === 0 ? '不限次数' : `每人可考 ${quiz.attemptsAllowed} 次`;
  return (
    <View className="desk9-card office-quiz">
      <Text className="desk9-card__title">{quiz.title}</Text>
      <View className="desk9-badges">
        <Badge tone="info">
          {quiz.audience === 'enterprise' ? (quiz.enterpriseName ?? '一家企业') : AUDIENCE_NAMES[quiz.audience]}
        </Badge>
        {quiz.kind === 'contest' && <Badge tone="primary">知识竞赛</Badge>}
      </View>
      <Text className="desk9-card__line">
        共 {quiz.questionCount} 题 · {quiz.passPercent} 分及格 · 限时 {quiz.timeLimitMinutes} 分钟 · {tries}
      </Text>
      <Text className="desk9-card__line">
        {quiz.draw.map((d) => `${TOPIC_NAMES[d.topic as TrainingTopic] ?? '其他'} ${d.count} 题`).join('，')}
      </Text>
      <Text className="desk9-card__line">
        答题日期：{shortDate(quiz.opensOn)} 至 {shortDate(quiz.closesOn)} · 发布人：{quiz.createdByName}
      </Text>
      <View className="desk9-buttons">
        <Button className="office-quiz__stats" onClick={() => toggle('stats')}>
          {open === 'stats' ? '收起题目统计' : '题目统计'}
        </Button>
        <Button className="office-quiz__coverage" onClick={() => toggle('coverage')}>
          {open === 'coverage' ? '收起参训情况' : '参训情况'}
        </Button>
      </View>
      {open === 'stats' && <StatsView quizId={quiz.id} />}
      {open === 'coverage' && <CoverageView quizId={quiz.id} />}
    </View>
  );
}

function OfficeTraining({ session }: { session: LoginResult }) {
  const isOfficer = session.roles.includes('admin');
  const quizzes = useRemote(() => api.training.quizList(), []);
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState<string>();
  return (
    <View className="office-training">
      {done && (
        <Text className="desk9-status office-training__done" {...a11y({ role: 'status' })}>
          {done}
        </Text>
      )}
      {isOfficer && (
        <View className="desk9-section">
          <Text className="desk9-title">新建考试</Text>
          {creating ? (
            <QuizForm
              onCancel={() => setCreating(false)}
              onCreated={(title) => {
                setCreating(false);
                setDone(`已发布“${title}”。`);
                quizzes.reload();
              }}
            />
          ) : (
            <>
              <Text className="desk9-note">面向所有人、企业从业人员、安全管理人员或某一家企业，从题库按主题抽题。</Text>
              <Button
                kind="primary"
                className="office-training__new"
                onClick={() => {
                  setDone(undefined);
                  setCreating(true);
                }}
              >
                新建考试
              </Button>
            </>
          )}
        </View>
      )}
      <View className="desk9-section">
        <Text className="desk9-title">全镇参训情况</Text>
        <Text className="desk9-note">所有考试合计：各企业的从业人员和安全管理人员中，考过和通过的人数。</Text>
        <CoverageView />
      </View>
      <View className="desk9-section">
        <Text className="desk9-title">考试</Text>
        {!quizzes.data ? (
          quizzes.error ? (
            <ErrorState message={quizzes.error.message} onRetry={quizzes.reload} />
          ) : (
            <Loading />
          )
        ) : quizzes.data.length === 0 ? (
          <Empty text="还没有考试。" />
        ) : (
          quizzes.data.map((q) => <QuizCard key={q.id} quiz={q} />)
        )}
      </View>
    </View>
  );
}

/** 培训考核 (安委办, leaders read): town quizzes, per-question statistics, coverage per enterprise and industry. */
export default function OfficeTrainingPage() {
  return (
    <RoleGate roles={['admin', 'leader']} who="office">
      {(session: LoginResult) => (
        <Shell className="office">
          <OfficeTraining session={session} />
        </Shell>
      )}
    </RoleGate>
  );
}
