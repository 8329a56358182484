import type { CloudError } from '../services/cloud-error';
import { Empty, ErrorState, Loading } from './ui/States';

interface Props {
  loading?: boolean;
  error?: CloudError;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
}

/** The loading, error and empty states, said the same way on every page. Renders nothing when there is content. */
export function PageState({ loading, error, empty, emptyText = '暂无内容', onRetry }: Props) {
  if (loading) return <Loading />;
  if (error) return <ErrorState message={error.message} onRetry={onRetry} />;
  if (empty) return <Empty text={emptyText} />;
  return null;
}
