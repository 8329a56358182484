// Typed calls to the cloud functions (DESIGN.md §4). Pages use these, never the transport directly.
import type {
  LedgerCreateInput,
  LedgerEntry,
  LedgerProgressInput,
  LoginResult,
  MergeCandidate,
  Message,
  NearbyTipoff,
  Page,
  QueueActInput,
  QueueCounts,
  QueueCountsInput,
  QueueDetail,
  QueueItem,
  QueueListInput,
  RateInput,
  SubmitTipoffInput,
  SubmitTipoffResult,
  TipoffDetail,
  TipoffDetailView,
  TipoffOptions,
  TipoffStatus,
  TipoffSummary,
  UrgeInput,
  UrgeResult,
} from '../../types';
import { invoke } from './transport';

export const api = {
  user: {
    login: () => invoke<LoginResult>('user', { action: 'login' }),
    messages: (page = 1, pageSize = 20) =>
      invoke<Page<Message> & { unread: number }>('user', { action: 'messages', page, pageSize }),
    readMessages: (ids?: string[]) =>
      invoke<{ updated: number }>('user', { action: 'readMessages', ...(ids ? { ids } : {}) }),
  },
  tipoff: {
    options: () => invoke<TipoffOptions>('tipoff', { action: 'options' }),
    submit: (input: SubmitTipoffInput) => invoke<SubmitTipoffResult>('tipoff', { action: 'submit', ...input }),
    mine: (page = 1, pageSize = 20) => invoke<Page<TipoffSummary>>('tipoff', { action: 'mine', page, pageSize }),
    detail: (id: string) => invoke<TipoffDetailView>('tipoff', { action: 'detail', id }),
    track: (trackingCode: string) => invoke<TipoffDetail>('tipoff', { action: 'track', trackingCode }),
    nearby: (latitude: number, longitude: number, categoryId: string) =>
      invoke<NearbyTipoff[]>('tipoff', { action: 'nearby', latitude, longitude, categoryId }),
    follow: (id: string) =>
      invoke<{ followers: number; already: boolean; no: string }>('tipoff', { action: 'follow', id }),
    rate: (input: RateInput) => invoke<{ score: number }>('tipoff', { action: 'rate', ...input }),
    /** 催办: once a day, only past the deadline (by `id`, or `trackingCode` for anonymous reporters). */
    urge: (input: UrgeInput) => invoke<UrgeResult>('tipoff', { action: 'urge', ...input }),
  },
  queue: {
    list: (input: QueueListInput) => invoke<Page<QueueItem>>('queue', { action: 'list', ...input }),
    counts: (filters: QueueCountsInput = {}) => invoke<QueueCounts>('queue', { action: 'counts', ...filters }),
    detail: (id: string) => invoke<QueueDetail>('queue', { action: 'detail', id }),
    mergeCandidates: (id: string) => invoke<MergeCandidate[]>('queue', { action: 'mergeCandidates', id }),
    act: (input: QueueActInput) => invoke<{ id: string; status: TipoffStatus }>('queue', { action: 'act', ...input }),
  },
  admin: {
    ledger: (input: { status?: LedgerEntry['status']; page?: number; pageSize?: number } = {}) =>
      invoke<Page<LedgerEntry>>('admin', { action: 'ledger', page: 1, pageSize: 20, ...input }),
    ledgerCreate: (input: LedgerCreateInput) => invoke<LedgerEntry>('admin', { action: 'ledgerCreate', ...input }),
    /** A progress note, or the 销号 (`close`: needs `evidence` photos and a note of ≥ 10 characters). */
    ledgerProgress: (input: LedgerProgressInput) =>
      invoke<LedgerEntry>('admin', { action: 'ledgerProgress', ...input }),
  },
};
