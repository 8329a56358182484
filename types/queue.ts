import { z } from 'zod';
import { Paging } from './common';
import { TipoffStatus } from './tipoff';

export const QueueListInput = Paging.extend({
  status: TipoffStatus.optional(),
  overdue: z.boolean().optional(),
}).strict();
export type QueueListInput = z.input<typeof QueueListInput>;

/** What department staff see of a report: never the reporter's identity. */
export interface QueueItem {
  id: string;
  no: string;
  status: TipoffStatus;
  categoryId: string;
  categoryName: string;
  areaName: string;
  description: string;
  address: string;
  suspectedMajor: boolean;
  reporter: string;
  createdAt: string;
  routing: { ruleId: string | null; reason: string };
  coDepartmentNames: string[];
}
