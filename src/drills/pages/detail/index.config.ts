export default definePageConfig({ navigationBarTitleText: '演练详情' });
