export default definePageConfig({ navigationBarTitleText: '人员与邀请码' });
