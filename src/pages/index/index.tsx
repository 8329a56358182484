import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Shell } from '../../components/Shell';
import { a11y } from '../../components/ui/a11y';
import { Badge } from '../../components/ui/Badge';
import { useRemote } from '../../hooks/useRemote';
import { isStaff, useSession } from '../../hooks/useSession';
import { api } from '../../services/api';
import { useReshown } from '../../hooks/useReshown';
import './index.css';

const go = (url: string) => () => Taro.navigateTo({ url });

export default function Index() {
  const session = useSession();
  const staff = isStaff(session.data);
  const shown = useReshown();
  // Only the unread count is needed here; a failure just hides the badge.
  const inbox = useRemote(() => api.user.messages(1, 1), [shown]);
  const unread = inbox.data?.unread ?? 0;

  return (
    <Shell className="home">
      <View className="home__hero">
        <Text className="home__title">庙行安全</Text>
        <Text className="home__subtitle">发现隐患 随手一拍 · 人人都是安全员</Text>
      </View>

      <View className="home__emergency">
        <Text>正在发生火灾、燃气泄漏或有人受伤？请先拨打 119 / 110 / 120，燃气抢修 962777。</Text>
      </View>

      <View className="home__actions">
        <View
          className="home__card home__card--primary home__report"
          onClick={go('/pages/report/index')}
          {...a11y({ role: 'link' })}
        >
          <Text className="home__card-title">隐患随手拍</Text>
          <Text className="home__card-text">拍照举报身边的安全隐患，可匿名</Text>
        </View>
        <View className="home__grid">
          <View className="home__tile home__mine" onClick={go('/pages/mine/index')} {...a11y({ role: 'link' })}>
            <Text className="home__tile-title">我的举报</Text>
            <Text className="home__tile-text">历次举报与进度</Text>
          </View>
          <View className="home__tile home__messages" onClick={go('/pages/messages/index')} {...a11y({ role: 'link' })}>
            <Text className="home__tile-title">消息</Text>
            {unread > 0 ? (
              <Badge tone="danger" className="home__badge" count={unread}>
                {' '}
                条未读
              </Badge>
            ) : (
              <Text className="home__tile-text">处理进展通知</Text>
            )}
          </View>
          <View className="home__tile home__track" onClick={go('/pages/track/index')} {...a11y({ role: 'link' })}>
            <Text className="home__tile-title">查询码查询</Text>
            <Text className="home__tile-text">匿名举报查进度</Text>
          </View>
        </View>
        {staff && (
          <View
            className="home__card home__card--staff home__queue"
            onClick={go('/staff/pages/queue/index')}
            {...a11y({ role: 'link' })}
          >
            <Text className="home__card-title">部门待办</Text>
            <Text className="home__card-text">处理分派到本部门的举报</Text>
          </View>
        )}
        {staff && (
          <View
            className="home__card home__card--staff home__ledger"
            onClick={go('/staff/pages/ledger/index')}
            {...a11y({ role: 'link' })}
          >
            <Text className="home__card-title">重大隐患台账</Text>
            <Text className="home__card-text">重大事故隐患登记、整改进展与销号</Text>
          </View>
        )}
      </View>

      {session.error && <Text className="home__warning">登录失败：{session.error.message}</Text>}
    </Shell>
  );
}
