export default definePageConfig({ navigationBarTitleText: '系统配置' });
