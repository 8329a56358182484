export default definePageConfig({ navigationBarTitleText: '领奖人信息查看记录' });
