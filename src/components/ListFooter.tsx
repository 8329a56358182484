import { Text, View } from '@tarojs/components';
import { Button } from './ui/Button';
import type { Paged } from '../hooks/usePaged';
import './ListFooter.css';

/** "加载更多" under a paged list, with its own error and retry (the items above stay). */
export function ListFooter({ list, className = '' }: { list: Omit<Paged<unknown>, 'setItems'>; className?: string }) {
  if (!list.loaded || list.items.length === 0) return null;
  return (
    <View className="list-footer">
      {list.moreError && <Text className="list-footer__error">{list.moreError.message}</Text>}
      {list.hasMore ? (
        <Button
          inline
          className={`list-footer__more ${className}`}
          loading={list.loadingMore}
          loadingText="加载中…"
          onClick={list.loadMore}
        >
          {list.moreError ? '重试' : '加载更多'}
        </Button>
      ) : (
        <Text className="list-footer__end">没有更多了</Text>
      )}
    </View>
  );
}
