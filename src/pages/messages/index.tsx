import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui/Button';
import { a11y, pressable } from '../../components/ui/a11y';
import { disabledIf } from '../../components/Form';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Message } from '../../../types';
import { ListFooter } from '../../components/ListFooter';
import { PageState } from '../../components/PageState';
import { Shell } from '../../components/Shell';
import { usePaged } from '../../hooks/usePaged';
import { api } from '../../services/api';
import { asCloudError } from '../../services/errors';
import { formatTime } from '../../services/format';
import { useReshown } from '../../hooks/useReshown';
import { goTo } from '../../services/navigate';
import { messageLink } from './link';
import './index.css';

/** Status changes of the user's reports and of those they follow (and, for staff, department reminders). */
export default function MessagesPage() {
  const shown = useReshown();
  const [unread, setUnread] = useState<number>();
  const list = usePaged<Message>(
    async (page) => {
      const res = await api.user.messages(page, 20);
      setUnread(res.unread);
      return res;
    },
    [shown],
  );
  const [marking, setMarking] = useState(false);

  const markRead = (ids?: string[]) => {
    list.setItems((items) => items.map((m) => (!ids || ids.includes(m.id) ? { ...m, read: true } : m)));
    setUnread((n) => (ids ? Math.max(0, (n ?? 0) - ids.length) : 0));
  };

  const readAll = async () => {
    if (marking) return;
    setMarking(true);
    try {
      await api.user.readMessages();
      markRead();
    } catch (e) {
      Taro.showToast({ title: asCloudError(e, '操作失败，请重试').message, icon: 'none' });
    } finally {
      setMarking(false);
    }
  };

  const open = (m: Message) => {
    if (!m.read) {
      markRead([m.id]);
      // Best effort: an unread mark that did not reach the server comes back on the next load.
      api.user.readMessages([m.id]).catch(() => undefined);
    }
    // A department reminder belongs to the staff queue (超期 ones filtered); a reporter's message to the report.
    const url = messageLink(m);
    if (url) void goTo(url);
  };

  return (
    <Shell className="messages">
      <View className="messages__header">
        <Text className="messages__count">{unread ? `${unread} 条未读` : '没有未读消息'}</Text>
        <Button className="messages__read-all" inline disabled={disabledIf(marking || !unread)} onClick={readAll}>
          全部已读
        </Button>
      </View>
      {list.items.length > 0 ? (
        <View className="messages__list">
          {list.items.map((m) => {
            const linked = !!messageLink(m);
            return (
              <View
                key={m.id}
                className={`messages__item ${m.read ? '' : 'messages__item--unread'}`}
                // A message that opens a page is a link; any other is still tapped (or Entered) to mark it read.
                {...a11y({ role: linked ? 'link' : 'button' })}
                {...pressable(() => open(m))}
              >
                <View className="messages__row">
                  {!m.read && (
                    // Read out as 未读 within the link's name (the link takes its name from what it shows).
                    <Text className="messages__dot" {...a11y({ role: 'img', label: '未读' })}>
                      ●
                    </Text>
                  )}
                  <Text className="messages__title">{m.title}</Text>
                  <Text className="messages__time">{formatTime(m.createdAt)}</Text>
                </View>
                <Text className="messages__body">{m.body}</Text>
                {linked &&
                  (m.tipoffNo && m.kind !== 'internalReport' ? (
                    <Text className="messages__link">查看 {m.tipoffNo} ›</Text>
                  ) : (
                    <Text className="messages__link">查看详情 ›</Text>
                  ))}
              </View>
            );
          })}
          <ListFooter list={list} className="messages__more" />
        </View>
      ) : (
        <PageState
          loading={list.loading}
          error={list.error}
          empty={list.loaded}
          emptyText="暂无消息。举报的处理进展会在这里通知您。"
          onRetry={list.reload}
        />
      )}
    </Shell>
  );
}
