// 安委办's list of every quiz (issue 9): what the office page lists before it opens a quiz's statistics.
import type { QuizAudience } from './training';

export const AUDIENCE_NAMES: Record<QuizAudience, string> = {
  everyone: '所有人',
  workers: '企业从业人员',
  managers: '企业安全管理人员',
  enterprise: '一家企业的人员',
};

/** One quiz as 安委办 sees it: every audience, every enterprise's own quizzes included. */
export interface OfficeQuiz {
  id: string;
  title: string;
  kind: 'exam' | 'contest';
  audience: QuizAudience;
  /** audience enterprise: the enterprise's name (never its id on screen). */
  enterpriseName: string | null;
  draw: { topic: string; count: number }[];
  questionCount: number;
  passPercent: number;
  timeLimitMinutes: number;
  attemptsAllowed: number;
  opensOn: string;
  closesOn: string;
  createdByName: string;
  createdAt: string;
}
