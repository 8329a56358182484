export default definePageConfig({ navigationBarTitleText: '安全培训' });
