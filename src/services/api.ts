// Typed calls to the cloud functions (DESIGN.md §4). Pages use these, never the transport directly.
import type {
  LoginResult,
  Page,
  QueueItem,
  QueueListInput,
  SubmitTipoffInput,
  SubmitTipoffResult,
  TipoffOptions,
  TipoffSummary,
} from '../../types';
import { invoke } from './transport';

export const api = {
  user: {
    login: () => invoke<LoginResult>('user', { action: 'login' }),
  },
  tipoff: {
    options: () => invoke<TipoffOptions>('tipoff', { action: 'options' }),
    submit: (input: SubmitTipoffInput) => invoke<SubmitTipoffResult>('tipoff', { action: 'submit', ...input }),
    mine: (page = 1, pageSize = 20) => invoke<Page<TipoffSummary>>('tipoff', { action: 'mine', page, pageSize }),
  },
  queue: {
    list: (input: QueueListInput) => invoke<Page<QueueItem>>('queue', { action: 'list', ...input }),
  },
};
