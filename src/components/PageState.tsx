import { Button, Text, View } from '@tarojs/components';
import type { CloudError } from '../services/cloud-error';
import './PageState.css';

interface Props {
  loading?: boolean;
  error?: CloudError;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
}

/** The loading, error and empty states, said the same way on every page. Renders nothing when there is content. */
export function PageState({ loading, error, empty, emptyText = '暂无内容', onRetry }: Props) {
  if (loading) {
    return (
      <View className="page-state page-state--loading">
        <Text>加载中…</Text>
      </View>
    );
  }
  if (error) {
    return (
      <View className="page-state page-state--error">
        <Text className="page-state__message">{error.message}</Text>
        {onRetry && (
          <Button className="page-state__retry" size="mini" onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (empty) {
    return (
      <View className="page-state page-state--empty">
        <Text>{emptyText}</Text>
      </View>
    );
  }
  return null;
}
