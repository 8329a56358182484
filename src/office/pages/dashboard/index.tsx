import { Text, View } from '@tarojs/components';

// Placeholder registered by the lead (issue 11); the owning helper replaces it.
export default function Page() {
  return (
    <View>
      <Text>数据看板（建设中）</Text>
    </View>
  );
}
