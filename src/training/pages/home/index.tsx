import { Text, View } from '@tarojs/components';
import type { LessonSummary, QuizSummary } from '../../../../types/training';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { a11y, Badge, Button, pressable, type BadgeTone } from '../../../components/ui';
import { formatChineseDate } from '../../../components/ui/DatePicker';
import { useRemote } from '../../../hooks/useRemote';
import { useReshown } from '../../../hooks/useReshown';
import { api } from '../../../services/api';
import { goTo } from '../../../services/navigate';
import { attemptsLeft, campaignName, PAGES, quizStateText } from '../../training';
import '../../training.css';
import './index.css';

const STATE_TONE: Record<QuizSummary['state'], BadgeTone> = {
  open: 'primary',
  upcoming: 'info',
  closed: 'neutral',
  exhausted: 'neutral',
};

function LessonRow({ lesson }: { lesson: LessonSummary }) {
  const done = lesson.sections > 0 && lesson.read >= lesson.sections;
  return (
    <View
      className="training-card training-lesson"
      {...a11y({ role: 'link' })}
      {...pressable(() => void goTo(PAGES.lesson(lesson.topic)))}
    >
      <View className="training-card__row">
        <Text className="training-card__title">{lesson.title}</Text>
        <Badge tone={done ? 'success' : lesson.read > 0 ? 'primary' : 'neutral'}>
          {done ? '已学完' : `已学 ${lesson.read}/${lesson.sections} 节`}
        </Badge>
      </View>
      <Text className="training-card__meta">{lesson.intro}</Text>
      <View className="training-progress" {...a11y({ label: `已学 ${lesson.read}/${lesson.sections} 节` })}>
        <View
          className="training-progress__bar"
          style={{ width: `${lesson.sections ? Math.round((lesson.read * 100) / lesson.sections) : 0}%` }}
        />
      </View>
    </View>
  );
}

function QuizCard({ quiz }: { quiz: QuizSummary }) {
  const open = () => void goTo(PAGES.quiz(quiz.id));
  return (
    <View className="training-card training-quiz">
      <View className="training-card__row">
        <Text className="training-card__title">{quiz.title}</Text>
        <Badge tone={quiz.passed ? 'success' : STATE_TONE[quiz.state]}>
          {quiz.passed && quiz.kind !== 'contest' ? '已通过' : quizStateText(quiz)}
        </Badge>
      </View>
      {quiz.dueOn && (
        <Text className="training-card__meta training-quiz__due">企业要求 {formatChineseDate(quiz.dueOn)}前完成</Text>
      )}
      <Text className="training-card__meta">
        {quiz.questionCount} 题 · 限时 {quiz.timeLimitMinutes} 分钟 · {quiz.passPercent} 分及格 · {attemptsLeft(quiz)}
      </Text>
      <Text className="training-card__meta">
        开放时间 {quiz.opensOn} 至 {quiz.closesOn}
        {quiz.bestScorePercent !== null ? ` · 最好成绩 ${quiz.bestScorePercent} 分` : ''}
      </Text>
      {quiz.kind === 'contest' && quiz.state !== 'upcoming' && (
        <View className="training-card__actions">
          <Button className="training-quiz__board" onClick={() => void goTo(PAGES.contest(quiz.id))}>
            排行榜
          </Button>
        </View>
      )}
      {(quiz.openAttemptId || quiz.state === 'open') && (
        <View className="training-card__actions">
          <Button kind="primary" className="training-quiz__go" onClick={open}>
            {quiz.openAttemptId ? '继续答题' : quiz.attemptsUsed > 0 ? '再考一次' : '开始答题'}
          </Button>
        </View>
      )}
    </View>
  );
}

const ENTRIES = [
  { title: '练习', text: '随机出题，答完马上看对错', url: PAGES.practice() },
  { title: '错题本', text: '答错的题，连续答对 2 次移出', url: PAGES.wrongBook },
  { title: '答题记录', text: '历次考试的成绩和解析', url: PAGES.history },
  { title: '证书查询', text: '凭 12 位编号核验证书', url: PAGES.certificate() },
];

export default function TrainingHome() {
  const shown = useReshown();
  const lessons = useRemote(() => api.training.lessons(), [shown]);
  const quizzes = useRemote(() => api.training.quizzes(), [shown]);
  const featured = lessons.data?.filter((l) => l.featured) ?? [];
  const others = lessons.data?.filter((l) => !l.featured) ?? [];
  const campaign = campaignName(new Date().getMonth() + 1);

  return (
    <Shell className="training training-home">
      {featured.length > 0 && (
        <View className="training-banner">
          <Text className="training-banner__title">{campaign}</Text>
          <Text className="training-banner__text">本月重点学习：{featured.map((l) => l.title).join('、')}</Text>
        </View>
      )}

      <View className="training-section training-home__quizzes">
        <Text className="training-section__title">我的考试</Text>
        {quizzes.data && quizzes.data.length > 0 ? (
          quizzes.data.map((q) => <QuizCard key={q.id} quiz={q} />)
        ) : (
          <PageState
            loading={quizzes.loading}
            error={quizzes.error}
            empty={!!quizzes.data}
            emptyText="现在没有需要参加的考试"
            onRetry={quizzes.reload}
          />
        )}
      </View>

      <View className="training-home__entries">
        {ENTRIES.map((e) => (
          <View
            key={e.title}
            className="training-entry"
            {...a11y({ role: 'link' })}
            {...pressable(() => void goTo(e.url))}
          >
            <Text className="training-entry__title">{e.title}</Text>
            <Text className="training-entry__text">{e.text}</Text>
          </View>
        ))}
      </View>

      <View className="training-section training-home__lessons">
        <Text className="training-section__title">学习课程</Text>
        {lessons.data ? (
          <>
            {featured.map((l) => (
              <LessonRow key={l.topic} lesson={l} />
            ))}
            {others.map((l) => (
              <LessonRow key={l.topic} lesson={l} />
            ))}
            {lessons.data.length === 0 && <PageState empty emptyText="课程正在准备中" />}
          </>
        ) : (
          <PageState loading={lessons.loading} error={lessons.error} onRetry={lessons.reload} />
        )}
      </View>
    </Shell>
  );
}
