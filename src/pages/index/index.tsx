import { View, Text } from '@tarojs/components';

export default function Index() {
  return (
    <View>
      <Text>庙行安全</Text>
    </View>
  );
}
