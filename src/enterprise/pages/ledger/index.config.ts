export default definePageConfig({ navigationBarTitleText: '本企业隐患台账' });
