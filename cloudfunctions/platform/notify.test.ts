// The subscribe-message notifier against a stand-in wx-server-sdk: it says what became of each push, so the
// core can record a failure on the case. 43101 (no consent left) is `no-consent`; any other error `failed`, with
// WeChat's errCode; nothing in the outcome names the reporter.
import type { Database } from '../core/db';
import type { StatusChangedEvent } from '../core/deps';
import { sealIdentity } from '../core/identity';

const sdk = {
  init: jest.fn(),
  DYNAMIC_CURRENT_ENV: Symbol('current env'),
  getWXContext: jest.fn(() => ({ OPENID: 'o-user', ENV: 'prod-7g1x' })),
  getTempFileURL: jest.fn(),
  database: jest.fn(() => ({})),
  openapi: {
    security: { msgSecCheck: jest.fn(), mediaCheckAsync: jest.fn() },
    subscribeMessage: { send: jest.fn() },
  },
};
jest.mock('wx-server-sdk', () => sdk);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const wx = require('./wx') as typeof import('./wx');

const SECRET = 'test-secret';
const EVENT: StatusChangedEvent = {
  tipoffId: 't1',
  no: 'MX-2026-000001',
  status: 'accepted',
  title: '举报已受理',
  body: 'MX-2026-000001 已受理',
  at: '2026-11-28T10:00:00+08:00',
};

/** A database whose reporterIdentities holds the sealed openid of t1 (or nothing). */
function identityDb(withIdentity = true): Database {
  const data = withIdentity
    ? [{ _id: 't1', sealed: sealIdentity({ openid: 'o-reporter' }, 't1', SECRET), createdAt: EVENT.at }]
    : [];
  const get = async () => ({ data });
  return { collection: () => ({ where: () => ({ limit: () => ({ get }) }) }) } as unknown as Database;
}

const wxError = (errCode: number | string) =>
  Object.assign(new Error(`openapi.subscribeMessage.send:fail ${errCode}`), { errCode });

beforeEach(() => {
  jest.clearAllMocks();
  process.env.SUBSCRIBE_TMPL_STATUS = 'tmpl-status';
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  delete process.env.SUBSCRIBE_TMPL_STATUS;
  jest.restoreAllMocks();
});

describe('statusNotifier', () => {
  it('sends to the reporter and says sent', async () => {
    sdk.openapi.subscribeMessage.send.mockResolvedValue({ errCode: 0 });
    expect(await wx.statusNotifier(identityDb(), SECRET).statusChanged(EVENT)).toEqual({ result: 'sent' });
    expect(sdk.openapi.subscribeMessage.send).toHaveBeenCalledWith(
      expect.objectContaining({ touser: 'o-reporter', templateId: 'tmpl-status' }),
    );
  });

  it('43101 (no subscription left) is no-consent, not logged as an error', async () => {
    sdk.openapi.subscribeMessage.send.mockRejectedValue(wxError(43101));
    const outcome = await wx.statusNotifier(identityDb(), SECRET).statusChanged(EVENT);
    expect(outcome).toEqual({ result: 'failed', reason: 'no-consent', errCode: 43101 });
    expect(console.error).not.toHaveBeenCalled();
  });

  it.each([
    [40003, 40003],
    [47003, 47003],
    ['-501000', -501000],
  ])('errCode %p is failed, with the code', async (code, errCode) => {
    sdk.openapi.subscribeMessage.send.mockRejectedValue(wxError(code));
    const outcome = await wx.statusNotifier(identityDb(), SECRET).statusChanged(EVENT);
    expect(outcome).toEqual({ result: 'failed', reason: 'failed', errCode });
    expect(JSON.stringify(outcome)).not.toContain('o-reporter');
  });

  it('an error without a code (a network fault) is failed, without errCode', async () => {
    sdk.openapi.subscribeMessage.send.mockRejectedValue(new Error('socket hang up'));
    expect(await wx.statusNotifier(identityDb(), SECRET).statusChanged(EVENT)).toEqual({
      result: 'failed',
      reason: 'failed',
    });
  });

  it('skips (records nothing) with no template configured or no reporter to address', async () => {
    expect(await wx.statusNotifier(identityDb(false), SECRET).statusChanged(EVENT)).toEqual({ result: 'skipped' });
    delete process.env.SUBSCRIBE_TMPL_STATUS;
    expect(await wx.statusNotifier(identityDb(), SECRET).statusChanged(EVENT)).toEqual({ result: 'skipped' });
    expect(sdk.openapi.subscribeMessage.send).not.toHaveBeenCalled();
  });
});
