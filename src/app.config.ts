export default defineAppConfig({
  // Reporter pages live in the main package; everything staff-only is in the `staff` subpackage.
  pages: [
    'pages/index/index',
    'pages/report/index',
    'pages/mine/index',
    'pages/tipoff/detail/index',
    'pages/track/index',
    'pages/messages/index',
  ],
  // Staff, training and drills each get their own subpackage so the main package stays small.
  subPackages: [
    { root: 'staff', pages: ['pages/queue/index', 'pages/detail/index', 'pages/ledger/index', 'pages/record/index'] },
    {
      root: 'office',
      pages: [
        'pages/people/index',
        'pages/enterprises/index',
        'pages/rewards/index',
        'pages/identity-reads/index',
        'pages/reward-policy/index',
        'pages/training/index',
        'pages/question-bank/index',
        'pages/compliance/index',
        'pages/audits/index',
        'pages/dashboard/index',
        'pages/monthly/index',
        'pages/config/index',
        'pages/config-edit/index',
        'pages/exposure/index',
      ],
    },
    {
      root: 'enterprise',
      pages: [
        'pages/register/index',
        'pages/desk/index',
        'pages/report-detail/index',
        'pages/report/index',
        'pages/my-reports/index',
        'pages/training/index',
        'pages/inspection/index',
        'pages/inspections/index',
        'pages/ledger/index',
      ],
    },
    // Everyone: 我的奖励 (and the anonymous claim), the privacy notice, one's own data and its deletion.
    {
      root: 'resident',
      pages: ['pages/rewards/index', 'pages/privacy/index', 'pages/my-data/index', 'pages/exposure/index'],
    },
    // Everyone (workers first): 安全培训 — lessons, quizzes, practice, the 错题本, history, certificates.
    {
      root: 'training',
      pages: [
        'pages/home/index',
        'pages/lesson/index',
        'pages/quiz/index',
        'pages/result/index',
        'pages/practice/index',
        'pages/wrong-book/index',
        'pages/history/index',
        'pages/certificate/index',
        'pages/contest/index',
      ],
    },
    // Drills (issue 10): managers plan, run and close them; workers and residents check in on site.
    {
      root: 'drills',
      pages: [
        'pages/list/index',
        'pages/plan/index',
        'pages/run/index',
        'pages/close/index',
        'pages/detail/index',
        'pages/checkin/index',
      ],
    },
  ],
  // h5 only: no page-slide animation, so pages (and browser-test screenshots) settle at once.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // weapp: the tab bar 首页 · 随手拍 · 我的 (text only: iconPath is optional). Open these pages with goTo()
  // (src/services/navigate.ts): navigateTo to a tab page fails. h5 has no tab bar: a title bar with 返回 instead.
  ...(process.env.TARO_ENV === 'weapp'
    ? {
        tabBar: {
          color: '#4E5969',
          selectedColor: '#1F5FBF',
          backgroundColor: '#ffffff',
          borderStyle: 'black' as const,
          list: [
            { pagePath: 'pages/index/index', text: '首页' },
            { pagePath: 'pages/report/index', text: '随手拍' },
            { pagePath: 'pages/mine/index', text: '我的' },
          ],
        },
      }
    : {}),
  // weapp: cloud development (wx.cloud) is on; the key is not in Taro's AppConfig type.
  ...(process.env.TARO_ENV === 'weapp' ? ({ cloud: true } as object) : {}),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '庙行安全',
    navigationBarTextStyle: 'black',
  },
  permission: {
    'scope.userLocation': { desc: '用于确定隐患所在位置，以及演练签到时确认您在集合点附近' },
  },
  // Every location API the code calls (scripts/release-settings.test.ts checks them against src/ and the README).
  requiredPrivateInfos: ['chooseLocation', 'getLocation'],
  // weapp release settings: the current WeUI look for built-in components; which pages WeChat search may index.
  style: 'v2',
  ...(process.env.TARO_ENV === 'weapp' ? { sitemapLocation: 'sitemap.json' } : {}),
});
