// The training collections and what their documents hold (issue 9): shared by the `training` function, its
// office and contest modules and the scheduler's reminders, which must not bundle the whole function.
import type { Certificate, TrainingTopic } from '../../../types/training';
import type { PaperEntry } from './paper';

export const QUIZZES = 'quizzes';
export const ATTEMPTS = 'attempts';
export const ATTEMPT_COUNTERS = 'attemptCounters';
export const WRONG_BOOKS = 'wrongBooks';
export const CERTIFICATES = 'certificates';
export const ASSIGNMENTS = 'assignments';
export const LESSON_PROGRESS = 'lessonProgress';

export interface QuizDoc {
  _id: string;
  title: string;
  kind: 'exam' | 'contest';
  draw: { topic: TrainingTopic; count: number }[];
  questionCount: number;
  passPercent: number;
  timeLimitMinutes: number;
  attemptsAllowed: number;
  opensOn: string;
  closesOn: string;
  audience: 'everyone' | 'workers' | 'managers' | 'enterprise';
  enterpriseId?: string;
  createdByName: string;
  createdAt: string;
}

export type AttemptStatus = 'open' | 'submitted' | 'expired';

export interface AttemptDoc {
  _id: string;
  quizId: string;
  quizTitle: string;
  /** personId (HMAC of the openid): whose attempt, without storing the openid. */
  person: string;
  /** The worker's enterprise when they started (the manager's progress view). */
  enterpriseId?: string;
  name?: string;
  seq: number;
  /** A contest's round: the town day it was started on (its counter and leaderboard are per day). */
  day?: string;
  paper: PaperEntry[];
  saved: Record<string, string[]>;
  passPercent: number;
  startedAt: string;
  deadlineMs: number;
  status: AttemptStatus;
  score?: number;
  total?: number;
  scorePercent?: number;
  passed?: boolean;
  submittedAt?: string;
  certificateCode?: string;
}

export interface CounterDoc {
  _id: string;
  used: number;
  openAttemptId: string | null;
}

export interface WrongEntry {
  topic: TrainingTopic;
  /** Right answers in a row since the last wrong one; two clear the entry. */
  streak: number;
  wrong: number;
  at: string;
}
export interface WrongBookDoc {
  _id: string;
  items: Record<string, WrongEntry>;
}

export interface CertificateDoc extends Omit<Certificate, 'code'> {
  _id: string;
  attemptId: string;
}

export interface AssignmentDoc {
  _id: string;
  quizId: string;
  quizTitle: string;
  enterpriseId: string;
  dueOn: string;
  byName: string;
  at: string;
  remindedOn?: string;
}

/** Two right answers in a row take a question out of the 错题本. */
export const CLEARED_AFTER = 2;
/** A manager's workers are reminded this many days before the due date (and on it). */
export const REMIND_DAYS_BEFORE = 3;
