// The ledger's status labels live with the contract in types/ledger.ts.
export { LEDGER_STATUS_LABELS } from '../../types/ledger';
