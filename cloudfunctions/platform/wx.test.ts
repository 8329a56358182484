// The CloudBase adapter against a stand-in wx-server-sdk: which scene msgSecCheck uses and what a failure
// means, which cloud fileIDs are accepted, the photo check request, the push entry, and the subscribe message.
import { uploadKey, uploadScope } from '../core/files';

const sdk = {
  init: jest.fn(),
  DYNAMIC_CURRENT_ENV: Symbol('current env'),
  getWXContext: jest.fn(() => ({ OPENID: 'o-user', ENV: 'prod-7g1x' }) as Record<string, unknown>),
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
const SCOPE = uploadScope.report('req-12345678');
const KEY = uploadKey('o-user', SECRET, SCOPE);
const own = (name = 'a1b2c3.jpg') => `cloud://prod-7g1x.7072-prod-7g1x-1300000000/tipoff/${KEY}/${name}`;

beforeEach(() => {
  jest.clearAllMocks();
  sdk.getWXContext.mockReturnValue({ OPENID: 'o-user', ENV: 'prod-7g1x' });
  sdk.getTempFileURL.mockImplementation(async ({ fileList }: { fileList: { fileID: string }[] }) => ({
    fileList: fileList.map(({ fileID }) => ({
      fileID,
      status: 0,
      tempFileURL: `https://tmp.example/${fileID.slice(-10)}?sign=1`,
    })),
  }));
});

describe('msgSecCheck', () => {
  it('uses scene 3 (论坛: a post others read), version 2', async () => {
    sdk.openapi.security.msgSecCheck.mockResolvedValue({ result: { suggest: 'pass' } });
    expect(await wx.msgSecCheck('楼道堆放杂物', 'o-user')).toBe('pass');
    expect(sdk.openapi.security.msgSecCheck).toHaveBeenCalledWith({
      openid: 'o-user',
      scene: 3,
      version: 2,
      content: '楼道堆放杂物',
    });
  });

  it('risky or review asks for a rephrase; a failing check is unchecked, never a silent pass', async () => {
    sdk.openapi.security.msgSecCheck.mockResolvedValueOnce({ result: { suggest: 'risky' } });
    expect(await wx.msgSecCheck('x', 'o')).toBe('reject');
    sdk.openapi.security.msgSecCheck.mockResolvedValueOnce({ result: { suggest: 'review' } });
    expect(await wx.msgSecCheck('x', 'o')).toBe('reject');
    sdk.openapi.security.msgSecCheck.mockRejectedValueOnce(
      Object.assign(new Error('openapi.security.msgSecCheck:fail -604101'), { errCode: -604101 }),
    );
    expect(await wx.msgSecCheck('x', 'o')).toBe('unchecked');
    sdk.openapi.security.msgSecCheck.mockResolvedValueOnce({});
    expect(await wx.msgSecCheck('x', 'o')).toBe('unchecked');
  });
});

describe('cloud files', () => {
  const files = () => wx.cloudFiles(SECRET);

  it('gives every submission of one person its own folder, linked to no openid and to no other folder', () => {
    const keys = [
      uploadKey('o-user', SECRET, uploadScope.report('req-aaaaaaaa')),
      uploadKey('o-user', SECRET, uploadScope.report('req-bbbbbbbb')),
      uploadKey('o-user', SECRET, uploadScope.rectify('req-aaaaaaaa')),
      uploadKey('o-other', SECRET, uploadScope.report('req-aaaaaaaa')),
    ];
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{32}$/);
      expect(key).not.toContain('o-user');
    }
    expect(new Set(keys).size).toBe(keys.length);
    // The same submission always gets the same folder (a restored draft keeps its uploads valid).
    expect(uploadKey('o-user', SECRET, uploadScope.report('req-aaaaaaaa'))).toBe(keys[0]);
  });

  it("accepts the caller's own upload folder in this environment, if the file exists", async () => {
    await expect(files().assertOwned('o-user', [own(), own('d4e5.png')], SCOPE)).resolves.toBeUndefined();
    sdk.getTempFileURL.mockResolvedValueOnce({ fileList: [{ fileID: own(), status: -503003, tempFileURL: '' }] });
    await expect(files().assertOwned('o-user', [own()], SCOPE)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it.each([
    ['a URL', 'https://attacker.example/pixel.gif'],
    ['a path', '../../etc/passwd'],
    ['another environment', `cloud://other-env.6f74-other-env-1300000000/tipoff/${KEY}/a.jpg`],
    [
      "another user's folder",
      `cloud://prod-7g1x.7072-prod-7g1x-1300000000/tipoff/${uploadKey('o-other', SECRET, SCOPE)}/a.jpg`,
    ],
    [
      "the caller's folder of another report",
      `cloud://prod-7g1x.7072-prod-7g1x-1300000000/tipoff/${uploadKey('o-user', SECRET, uploadScope.report('req-87654321'))}/a.jpg`,
    ],
    [
      "the caller's evidence folder of a case",
      `cloud://prod-7g1x.7072-prod-7g1x-1300000000/tipoff/${uploadKey('o-user', SECRET, uploadScope.rectify('t1'))}/a.jpg`,
    ],
    ['a climb out of the folder', `cloud://prod-7g1x.7072-prod-7g1x-1300000000/tipoff/${KEY}/../x/a.jpg`],
    ['a non-image name', `cloud://prod-7g1x.7072-prod-7g1x-1300000000/tipoff/${KEY}/a.html`],
    ['the old shared folder', 'cloud://prod-7g1x.7072-prod-7g1x-1300000000/tipoffs/123-abc.jpg'],
  ])('refuses %s with INVALID_INPUT on the field', async (_what, fileId) => {
    await expect(files().assertOwned('o-user', [fileId], SCOPE, 'evidence')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'evidence' }],
    });
    expect(sdk.getTempFileURL).not.toHaveBeenCalled();
  });

  it('refuses everything when the environment is unknown', async () => {
    sdk.getWXContext.mockReturnValue({ OPENID: 'o-user' });
    const saved = { TCB_ENV: process.env.TCB_ENV, SCF_NAMESPACE: process.env.SCF_NAMESPACE };
    delete process.env.TCB_ENV;
    delete process.env.SCF_NAMESPACE;
    try {
      await expect(files().assertOwned('o-user', [own()], SCOPE)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    } finally {
      Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)));
    }
  });

  it('urls are getTempFileURL answers (10 minutes), by fileID', async () => {
    const urls = await files().urls([own(), own()]);
    expect(sdk.getTempFileURL).toHaveBeenCalledWith({ fileList: [{ fileID: own(), maxAge: 600 }] });
    expect(urls[own()]).toMatch(/^https:\/\/tmp\.example\//);
  });
});

describe('photo check', () => {
  it('requests mediaCheckAsync v2 for an image at a temp URL, scene 3, and returns the trace id', async () => {
    sdk.openapi.security.mediaCheckAsync.mockResolvedValue({ errCode: 0, traceId: 'trace-1' });
    expect(await wx.cloudMediaChecker().request({ fileId: own(), openid: 'o-user' })).toBe('trace-1');
    expect(sdk.openapi.security.mediaCheckAsync).toHaveBeenCalledWith({
      mediaUrl: expect.stringMatching(/^https:\/\//),
      mediaType: 2,
      version: 2,
      scene: 3,
      openid: 'o-user',
    });
  });

  it('the push entry refuses a call from the mini-program and answers `success` to a push', async () => {
    const main = wx.mediaCheckMain();
    const push = { MsgType: 'event', Event: 'wxa_media_check', trace_id: 't', result: { suggest: 'risky', label: 1 } };
    sdk.getWXContext.mockReturnValue({ OPENID: 'o-user', SOURCE: 'wx_client', ENV: 'prod-7g1x' });
    expect(await main(push)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    sdk.getWXContext.mockReturnValue({ OPENID: 'o-user', SOURCE: 'wx_unknown', ENV: 'prod-7g1x' });
    expect(await main({ ...push, userInfo: { openId: 'o-user' } })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // A push (no person as the source): handed to the core, answered `success` so WeChat does not resend.
    const query = { where: () => query, limit: () => query, get: async () => ({ data: [] }) };
    sdk.database.mockReturnValue({ collection: () => query });
    process.env.REPORTER_KEY_SECRET = SECRET;
    try {
      expect(await main(push)).toBe('success');
    } finally {
      delete process.env.REPORTER_KEY_SECRET;
    }
  });
});

describe('subscribe message', () => {
  it('thing3 carries the step title (at most 20 characters), not the cut-off body with the case number', () => {
    const data = wx.statusMessageData({
      tipoffId: 't1',
      no: 'MX-2026-000123',
      status: 'rectifying',
      title: '已责令整改',
      body: 'MX-2026-000123 已责令责任单位于 2026-12-10 前完成整改。',
      at: '2026-11-28T10:00:00+08:00',
    });
    expect(data.thing3.value).toBe('已责令整改');
    expect(data.character_string1.value).toBe('MX-2026-000123');
    expect(data.phrase2.value).toBe('整改中');
    expect(data.time4.value).toBe('2026-11-28 10:00');
    const long = wx.statusMessageData({
      tipoffId: 't1',
      no: 'MX',
      status: 'closed',
      title: '一二三四五六七八九十一二三四五六七八九十超出',
      body: '',
      at: '2026-11-28T10:00:00+08:00',
    });
    expect(Array.from(long.thing3.value)).toHaveLength(20);
  });
});
