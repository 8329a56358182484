// Local mode's stand-in for security.mediaCheckAsync and its 消息推送: deterministic, and delivered
// asynchronously through the same handler the cloud's `mediacheck` function runs.
import { createHash, randomBytes } from 'node:crypto';
import type { MediaCheckOutcome, MediaChecker } from '../cloudfunctions/core/media';
import type { LocalStorage } from './storage';

/** An image whose bytes contain this text is `risky` (tests and demos put it in a PNG text chunk). */
export const RISKY_MARKER = 'MX-MEDIA-RISKY';

export interface LocalMediaCheck {
  checker: MediaChecker;
  /** Resolves when every result requested so far has been delivered. */
  settled(): Promise<void>;
}

export function createLocalMediaCheck(
  storage: Pick<LocalStorage, 'read'>,
  deliver: (event: unknown) => Promise<MediaCheckOutcome>,
  options: { riskySha256?: string[]; delayMs?: number; log?: (message: string, detail?: unknown) => void } = {},
): LocalMediaCheck {
  const risky = new Set(options.riskySha256 ?? []);
  const delayMs = options.delayMs ?? 20;
  const pending = new Set<Promise<void>>();
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function push(event: unknown) {
    // Like WeChat, a push that was not taken is tried again (a few times): the request's record may
    // still be on its way to the database when the result arrives.
    for (let attempt = 0; attempt < 4; attempt++) {
      await wait(delayMs * (attempt + 1));
      const outcome = await deliver(event);
      if (outcome.handled || outcome.reason !== 'unknown-trace') return;
    }
    options.log?.('local media check: result not taken', event);
  }

  return {
    checker: {
      async request({ fileId }) {
        const bytes = storage.read(fileId);
        const sha = createHash('sha256').update(bytes).digest('hex');
        const isRisky = bytes.includes(RISKY_MARKER) || risky.has(sha);
        const traceId = `local-${randomBytes(12).toString('hex')}`;
        const event = {
          ToUserName: 'gh_local',
          FromUserName: 'local-platform',
          CreateTime: Math.floor(Date.now() / 1000),
          MsgType: 'event',
          Event: 'wxa_media_check',
          appid: 'local',
          trace_id: traceId,
          version: 2,
          result: isRisky ? { suggest: 'risky', label: 20002 } : { suggest: 'pass', label: 100 },
          detail: [],
        };
        const p = push(event).catch((e: unknown) => options.log?.('local media check failed', e));
        pending.add(p);
        void p.finally(() => pending.delete(p));
        return traceId;
      },
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
