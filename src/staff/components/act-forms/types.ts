import type { QueueActInput, QueueDetail } from '../../../../types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A step's payload without the report id (the panel adds it). */
export type StepInput = DistributiveOmit<QueueActInput, 'id'>;

export interface StepFormProps {
  report: QueueDetail;
  /** A call is running: every submit is disabled. */
  running: boolean;
  /** Field messages from the last attempt (client check or server issues), keyed by field. */
  issues: Record<string, string>;
  onSubmit: (input: StepInput) => void;
  onCancel: () => void;
  /** A field was edited: its message (and the form's summary once none is left) is cleared. */
  onEdit?: (field: string) => void;
}
