export default definePageConfig({ navigationBarTitleText: '查询码查询' });
