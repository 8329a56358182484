export default definePageConfig({ navigationBarTitleText: '报告给本企业' });
