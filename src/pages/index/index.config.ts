export default definePageConfig({ navigationBarTitleText: '庙行安全' });
