export default definePageConfig({ navigationBarTitleText: '修改配置' });
