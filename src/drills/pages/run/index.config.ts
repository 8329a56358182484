export default definePageConfig({ navigationBarTitleText: '演练现场' });
