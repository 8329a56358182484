export default definePageConfig({ navigationBarTitleText: '登记外部来源' });
