export default definePageConfig({ navigationBarTitleText: '举报奖励' });
