import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Shell } from '../../components/Shell';
import { a11y, pressable } from '../../components/ui/a11y';
import { Badge } from '../../components/ui/Badge';
import { useRemote } from '../../hooks/useRemote';
import { isStaff, useSession } from '../../hooks/useSession';
import { api } from '../../services/api';
import { useReshown } from '../../hooks/useReshown';
import { goTo, OVERDUE_QUEUE } from '../../services/navigate';
import './index.css';

/** Tap, Enter or Space (h5) opens `url`; tab pages open as tabs on weapp. */
const go = (url: string) => pressable(() => void goTo(url));
const call = (phoneNumber: string) => pressable(() => void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined));

const EMERGENCY_NUMBERS = [
  { number: '119', label: '119 火警' },
  { number: '110', label: '110 报警' },
  { number: '120', label: '120 急救' },
  { number: '962777', label: '962777 燃气抢修' },
];

/** Roles that have department work (the queue): staff, heads, 安委办 and leaders. */
export const hasQueue = (roles: readonly string[] | undefined) =>
  !!roles?.some((r) => r === 'staff' || r === 'head' || r === 'admin' || r === 'leader');

/** A staff member's work first: 部门待办 with 待办 N · 超期 N (超期 opens the queue already filtered). */
function StaffWork({ shown }: { shown: number }) {
  const counts = useRemote(() => api.queue.counts(), [shown]);
  const open = counts.data?.open;
  const overdue = counts.data?.overdue ?? 0;
  return (
    <View
      className="home__card home__card--staff home__queue"
      {...go('/staff/pages/queue/index')}
      {...a11y({ role: 'link' })}
    >
      <Text className="home__card-title">部门待办</Text>
      <Text className="home__card-text">处理分派到本部门的举报</Text>
      {open !== undefined && (
        <View className="home__work-badges">
          <Badge tone={open > 0 ? 'primary' : 'neutral'} className="home__open">
            待办 {open}
          </Badge>
          <View
            className="home__overdue"
            {...a11y({ role: 'link', label: `超期 ${overdue} 件，查看超期案件` })}
            {...pressable(() => void goTo(OVERDUE_QUEUE))}
            // The tap must not also open the card around it (Enter is stopped by pressable).
            onClick={(e: { stopPropagation(): void }) => {
              e.stopPropagation();
              void goTo(OVERDUE_QUEUE);
            }}
          >
            <Badge tone={overdue > 0 ? 'danger' : 'neutral'}>超期 {overdue}</Badge>
            {overdue > 0 && <Text className="home__overdue-link">查看超期 ›</Text>}
          </View>
        </View>
      )}
    </View>
  );
}

export default function Index() {
  const session = useSession();
  const staff = isStaff(session.data);
  const worker = hasQueue(session.data?.roles);
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

      {worker && (
        <View className="home__work">
          <StaffWork shown={shown} />
        </View>
      )}

      <View className="home__emergency">
        <Text className="home__emergency-text">正在发生火灾、燃气泄漏或有人受伤？请先拨打：</Text>
        <View className="home__emergency-calls">
          {EMERGENCY_NUMBERS.map(({ number, label }) => (
            <View
              key={number}
              className={`home__call home__call-${number}`}
              {...call(number)}
              {...a11y({ role: 'button', label: `拨打 ${label}` })}
            >
              <Text>{label}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className="home__actions">
        <View
          className="home__card home__card--primary home__report"
          {...go('/pages/report/index')}
          {...a11y({ role: 'link' })}
        >
          <Text className="home__card-title">隐患随手拍</Text>
          <Text className="home__card-text">拍照举报身边的安全隐患，可匿名</Text>
        </View>
        <View className="home__grid">
          <View className="home__tile home__mine" {...go('/pages/mine/index')} {...a11y({ role: 'link' })}>
            <Text className="home__tile-title">我的举报</Text>
            <Text className="home__tile-text">历次举报与进度</Text>
          </View>
          <View className="home__tile home__messages" {...go('/pages/messages/index')} {...a11y({ role: 'link' })}>
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
          <View className="home__tile home__track" {...go('/pages/track/index')} {...a11y({ role: 'link' })}>
            <Text className="home__tile-title">查询码查询</Text>
            <Text className="home__tile-text">匿名举报查进度</Text>
          </View>
        </View>
        <View className="home__card home__training" {...go('/training/pages/home/index')} {...a11y({ role: 'link' })}>
          <Text className="home__card-title">安全培训</Text>
          <Text className="home__card-text">学安全知识，参加考试，练习错题</Text>
        </View>
        <View
          className="home__card home__exposure"
          {...go('/resident/pages/exposure/index')}
          {...a11y({ role: 'link' })}
        >
          <Text className="home__card-title">曝光台</Text>
          <Text className="home__card-text">超期未整改和挂牌督办的隐患，接受群众监督</Text>
        </View>
        {staff && (
          <View
            className="home__card home__card--staff home__ledger"
            {...go('/staff/pages/ledger/index')}
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
