export default definePageConfig({ navigationBarTitleText: '演练签到' });
