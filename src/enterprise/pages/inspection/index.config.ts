export default definePageConfig({ navigationBarTitleText: '重大隐患自查' });
