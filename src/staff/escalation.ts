import { ESCALATION_LABELS, ESCALATION_STEPS } from '../../types/queue';

/** 1..4 → 函告/通报/约谈/曝光; 0 → none. */
export function escalationLabel(level: number): string | undefined {
  const step = ESCALATION_STEPS[Math.min(level, ESCALATION_STEPS.length) - 1];
  return level > 0 && step ? ESCALATION_LABELS[step] : undefined;
}
