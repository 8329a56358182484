export default definePageConfig({ navigationBarTitleText: '演练记录' });
