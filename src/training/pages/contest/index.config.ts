export default definePageConfig({ navigationBarTitleText: '竞赛排行榜' });
