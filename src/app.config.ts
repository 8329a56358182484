export default defineAppConfig({
  pages: ['pages/index/index', 'pages/report/index', 'pages/mine/index'],
  // Staff, training and drills each get their own subpackage so the main package stays small.
  subPackages: [{ root: 'staff', pages: ['pages/queue/index'] }],
  // h5: no page-slide animation, so pages (and browser-test screenshots) settle at once.
  animation: false,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '庙行安全',
    navigationBarTextStyle: 'black',
  },
  permission: {
    'scope.userLocation': { desc: '用于确定隐患所在位置，方便部门尽快核查' },
  },
  requiredPrivateInfos: ['chooseLocation'],
});
