export default definePageConfig({ navigationBarTitleText: '重大事故隐患台账' });
