import type { LedgerStatus } from '../../types/ledger';

export const LEDGER_STATUS_LABELS: Record<LedgerStatus, string> = {
  open: '待整改',
  rectifying: '整改中',
  closed: '已销号',
};
