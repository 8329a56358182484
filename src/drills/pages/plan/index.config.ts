export default definePageConfig({ navigationBarTitleText: '计划演练' });
