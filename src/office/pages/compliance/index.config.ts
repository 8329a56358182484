export default definePageConfig({ navigationBarTitleText: '演练与自查' });
