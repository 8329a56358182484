import { Text } from '@tarojs/components';
import { Shell } from '../../../components/Shell';

// Placeholder registered by the issue 10 contract; the page's owner replaces it this session.
export default function Page() {
  return (
    <Shell title="演练现场">
      <Text>演练现场</Text>
    </Shell>
  );
}
