export default definePageConfig({ navigationBarTitleText: '曝光台管理' });
