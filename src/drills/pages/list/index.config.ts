export default definePageConfig({ navigationBarTitleText: '应急演练' });
