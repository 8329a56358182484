// weapp release settings, read from the files DevTools and WeChat read: app config (style v2, sitemap,
// requiredPrivateInfos), src/sitemap.json (staff and personal pages out of WeChat search), project.config.json (a
// pinned base library) and the README's privacy guide (every private API the code calls, with its purpose).
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface AppConfig {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  style?: string;
  sitemapLocation?: string;
  requiredPrivateInfos?: string[];
}

/** The app config as the weapp build sees it (defineAppConfig is a build-time global). */
function appConfig(): AppConfig {
  const g = globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig };
  const env = process.env.TARO_ENV;
  g.defineAppConfig = (c) => c;
  process.env.TARO_ENV = 'weapp';
  try {
    let config: AppConfig | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after TARO_ENV is set
      config = (require('../src/app.config') as { default: AppConfig }).default;
    });
    return config!;
  } finally {
    process.env.TARO_ENV = env;
    delete g.defineAppConfig;
  }
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** Every `Taro.x(` the app's own code (not its tests or test stand-ins) calls. */
function calledTaroApis(): Set<string> {
  const files = walk(path.join(root, 'src')).filter(
    (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes(`${path.sep}test-support${path.sep}`),
  );
  const apis = new Set<string>();
  for (const f of files) for (const m of fs.readFileSync(f, 'utf8').matchAll(/\bTaro\.(\w+)\s*\(/g)) apis.add(m[1]);
  return apis;
}

// WeChat's private-information APIs (用户隐私保护指引) that an app like this could call, with their guide item.
const LOCATION_APIS = [
  'getLocation',
  'getFuzzyLocation',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
];
const PRIVATE_APIS: Record<string, string> = {
  ...Object.fromEntries(LOCATION_APIS.map((api) => [api, '位置信息'])),
  chooseImage: '选中的照片或视频信息',
  chooseMedia: '选中的照片或视频信息',
  chooseVideo: '选中的照片或视频信息',
  chooseMessageFile: '选中的文件',
  saveImageToPhotosAlbum: '相册（仅写入）权限',
  setClipboardData: '剪切板',
  getClipboardData: '剪切板',
  createCameraContext: '摄像头',
  scanCode: '摄像头',
  startRecord: '麦克风',
  getRecorderManager: '麦克风',
  getWeRunData: '微信运动步数',
  chooseContact: '通讯录',
  addPhoneContact: '通讯录',
  getUserProfile: '微信昵称、头像',
};

/** The privacy-guide step of "Open it in WeChat DevTools" in the README. */
function privacyGuide(): string {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Open it in WeChat DevTools'));
  const start = section.indexOf('用户隐私保护指引');
  expect(start).toBeGreaterThan(0);
  return section.slice(start, section.indexOf('\n4. ', start));
}

describe('app config', () => {
  const config = appConfig();

  it('uses the v2 component style and names sitemap.json', () => {
    expect(config.style).toBe('v2');
    expect(config.sitemapLocation).toBe('sitemap.json');
  });

  it('declares exactly the location APIs the code calls in requiredPrivateInfos', () => {
    const called = LOCATION_APIS.filter((api) => calledTaroApis().has(api));
    expect(called.length).toBeGreaterThan(0);
    expect([...(config.requiredPrivateInfos ?? [])].sort()).toEqual([...called].sort());
  });
});

describe('sitemap.json', () => {
  const config = appConfig();
  const sitemap = JSON.parse(read('src/sitemap.json')) as { rules: { action?: string; page: string }[] };
  const allPages = [
    ...config.pages,
    ...(config.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`)),
  ];
  const disallowed = new Set(sitemap.rules.filter((r) => r.action === 'disallow').map((r) => r.page));
  // Pages anyone may find in WeChat search; every other page is personal or staff-only.
  const PUBLIC = ['pages/index/index', 'pages/report/index'];

  it('is copied beside app.json by the weapp build', () => {
    const src = read('config/index.ts');
    expect(src).toContain("{ from: 'src/sitemap.json', to: 'dist/sitemap.json' }");
  });

  it('keeps every staff, office and enterprise page out of WeChat search, page by page ("*" is no wildcard)', () => {
    const staffOnly = allPages.filter(
      (p) =>
        /^(staff|office|enterprise)\//.test(p) || (config.subPackages ?? []).some((s) => p.startsWith(`${s.root}/`)),
    );
    expect(staffOnly.length).toBeGreaterThanOrEqual(3);
    for (const page of staffOnly)
      expect({ page, disallowed: disallowed.has(page) }).toEqual({ page, disallowed: true });
  });

  it('indexes only the public pages; every rule names a real page', () => {
    for (const page of allPages)
      expect({ page, indexed: !disallowed.has(page) }).toEqual({ page, indexed: PUBLIC.includes(page) });
    for (const r of sitemap.rules) {
      expect(['allow', 'disallow']).toContain(r.action ?? 'allow');
      if (r.page !== '*') expect(allPages).toContain(r.page);
      expect(r.page === '*' || !r.page.includes('*')).toBe(true);
    }
  });
});

describe('project.config.json', () => {
  const project = JSON.parse(read('project.config.json')) as { libVersion?: string; setting: Record<string, unknown> };

  it('pins a base library with the privacy guide (≥ 2.32.3)', () => {
    expect(project.libVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const [a, b, c] = project.libVersion!.split('.').map(Number);
    expect(a * 1e6 + b * 1e3 + c).toBeGreaterThanOrEqual(2 * 1e6 + 32 * 1e3 + 3);
  });

  it('leaves es6/enhance off (the build itself ships ES5: scripts/check-es5.mjs)', () => {
    expect(project.setting.es6).toBe(false);
    expect(project.setting.enhance).toBe(false);
  });
});

describe('privacy guide in the README', () => {
  const guide = privacyGuide();

  it('names every private API the code calls, under its guide item', () => {
    const called = [...calledTaroApis()].filter((api) => api in PRIVATE_APIS);
    expect(called).toEqual(
      expect.arrayContaining(['chooseLocation', 'getLocation', 'chooseImage', 'setClipboardData']),
    );
    for (const api of called) {
      expect({ api, named: guide.includes(`\`${api}\``) }).toEqual({ api, named: true });
      expect({ api, item: guide.includes(PRIVATE_APIS[api]) }).toEqual({ api, item: true });
    }
  });

  it('names the location APIs of requiredPrivateInfos', () => {
    for (const api of appConfig().requiredPrivateInfos ?? []) expect(guide).toContain(`\`${api}\``);
  });

  it('covers the name and phone a named reporter types in', () => {
    expect(guide).toMatch(/姓名、手机号/);
    expect(guide).toMatch(/name and phone/);
  });

  it('says what the photos are for (camera included)', () => {
    expect(guide).toContain('摄像头');
    expect(guide).toMatch(/复制查询码/);
  });
});
