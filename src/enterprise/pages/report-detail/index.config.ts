export default definePageConfig({ navigationBarTitleText: '内部报告详情' });
