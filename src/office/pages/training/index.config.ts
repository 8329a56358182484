export default definePageConfig({ navigationBarTitleText: '培训考核' });
