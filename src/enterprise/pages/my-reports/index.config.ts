export default definePageConfig({ navigationBarTitleText: '我的内部报告' });
