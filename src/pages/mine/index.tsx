import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui/Button';
import Taro, { useRouter } from '@tarojs/taro';
import type { TipoffSummary } from '../../../types';
import { ListFooter } from '../../components/ListFooter';
import { PageState } from '../../components/PageState';
import { Shell } from '../../components/Shell';
import { StatusTag } from '../../components/StatusTag';
import { ProgressNote } from '../../components/TipoffView';
import { a11y, pressable } from '../../components/ui/a11y';
import { Chip, ChipGroup } from '../../components/ui/Chip';
import { usePaged } from '../../hooks/usePaged';
import { useLargeText, type LargeTextPref } from '../../styles/large-text';
import { api } from '../../services/api';
import { formatTime } from '../../services/format';
import { useReshown } from '../../hooks/useReshown';
import { goTo } from '../../services/navigate';
import { resetSession, useSession } from '../../hooks/useSession';
import { IdentitySection, inviteCodeIn } from './Identity';
import './index.css';

const TEXT_SIZES: { pref: LargeTextPref; label: string }[] = [
  { pref: 'auto', label: '跟随微信' },
  { pref: 'off', label: '标准' },
  { pref: 'on', label: '大字' },
];

/** 适老化: the text size for every page; 跟随微信 turns large text on when WeChat's own font is large. */
function TextSizeSetting() {
  const large = useLargeText();
  return (
    <View className="mine__setting mine__text-size">
      <Text className="mine__setting-title">字体大小</Text>
      <ChipGroup label="字体大小">
        {TEXT_SIZES.map(({ pref, label }) => (
          <Chip
            key={pref}
            className={`mine__text-size-${pref}`}
            active={large.pref === pref}
            label={label}
            onClick={() => large.set(pref)}
          />
        ))}
      </ChipGroup>
      <Text className="mine__setting-hint">
        {large.on ? '大字模式已开启：所有页面的文字和按钮都已放大。' : '选“大字”可放大所有页面的文字和按钮。'}
      </Text>
    </View>
  );
}

/** Everyone's pages in the `resident` subpackage. */
const RESIDENT_ENTRIES = [
  { title: '我的奖励', text: '举报奖励的进度；匿名举报凭查询码领奖 ›', url: '/resident/pages/rewards/index' },
  {
    title: '个人信息保护说明',
    text: '收集哪些信息、做什么用、谁能看到、保存多久 ›',
    url: '/resident/pages/privacy/index',
  },
  { title: '我的个人信息', text: '查看镇里保存的您的信息，或删除它们 ›', url: '/resident/pages/my-data/index' },
];

const openDetail = (id: string) => Taro.navigateTo({ url: `/pages/tipoff/detail/index?id=${encodeURIComponent(id)}` });

export default function MinePage() {
  // Reload whenever the page comes back into view: a status may have changed meanwhile.
  const shown = useReshown();
  const mine = usePaged<TipoffSummary>((page) => api.tipoff.mine(page, 20), [shown]);
  const session = useSession();
  // A link to 我的 with `?code=` (an invite shared as a link, or a QR code a phone's camera opened) fills the field.
  const initialCode = inviteCodeIn(useRouter().params.code);
  const refreshSession = () => {
    resetSession();
    session.reload();
  };

  return (
    <Shell className="mine">
      <IdentitySection
        session={session.data}
        error={session.error}
        loading={session.loading}
        reload={refreshSession}
        initialCode={initialCode}
      />
      <TextSizeSetting />
      <View
        className="mine__track"
        {...a11y({ role: 'link' })}
        {...pressable(() => void Taro.navigateTo({ url: '/pages/track/index' }))}
      >
        <Text className="mine__track-title">查询码查询</Text>
        <Text className="mine__track-text">匿名举报或换了手机，凭查询码查看进度 ›</Text>
      </View>
      <View className="mine__setting mine__training">
        <Text className="mine__setting-title">学习与考试</Text>
        <View
          className="mine__entry mine__training-entry"
          {...a11y({ role: 'link' })}
          {...pressable(() => void goTo('/training/pages/home/index'))}
        >
          <Text className="mine__entry-title">安全培训</Text>
          <Text className="mine__entry-text">课程学习、考试、练习、错题本和证书 ›</Text>
        </View>
      </View>
      <View className="mine__setting mine__drills">
        <Text className="mine__setting-title">应急演练</Text>
        {session.data?.roles.some((r) => r === 'safetyManager' || r === 'admin' || r === 'leader') && (
          <View
            className="mine__entry mine__drills-entry"
            {...a11y({ role: 'link' })}
            {...pressable(() => void goTo('/drills/pages/list/index'))}
          >
            <Text className="mine__entry-title">组织演练</Text>
            <Text className="mine__entry-text">计划演练、现场签到二维码、清点人数和演练记录 ›</Text>
          </View>
        )}
        <View
          className="mine__entry mine__checkin-entry"
          {...a11y({ role: 'link' })}
          {...pressable(() => void goTo('/drills/pages/checkin/index'))}
        >
          <Text className="mine__entry-title">扫码签到</Text>
          <Text className="mine__entry-text">参加演练时，扫组织者手机上的二维码签到 ›</Text>
        </View>
      </View>
      <View className="mine__setting mine__resident">
        <Text className="mine__setting-title">奖励和个人信息</Text>
        {RESIDENT_ENTRIES.map((e) => (
          <View key={e.url} className="mine__entry" {...a11y({ role: 'link' })} {...pressable(() => void goTo(e.url))}>
            <Text className="mine__entry-title">{e.title}</Text>
            <Text className="mine__entry-text">{e.text}</Text>
          </View>
        ))}
      </View>
      {mine.items.length > 0 ? (
        <View className="mine__list">
          <Text className="mine__total">共 {mine.total} 条举报</Text>
          {mine.items.map((t) => {
            const last = t.timeline[t.timeline.length - 1];
            return (
              <View
                key={t.id}
                className="mine__item"
                {...a11y({ role: 'link' })}
                {...pressable(() => void openDetail(t.id))}
              >
                <View className="mine__row">
                  <Text className="mine__no">{t.no}</Text>
                  <StatusTag status={t.status} resident />
                </View>
                <Text className="mine__title">
                  {t.categoryName} · {t.areaName}
                </Text>
                <Text className="mine__desc">{t.description}</Text>
                <Text className="mine__meta">
                  {t.departmentName}
                  {t.trackingCode ? ` · 查询码 ${t.trackingCode}` : ''}
                </Text>
                {t.progress ? (
                  <ProgressNote progress={t.progress} className="mine__progress" />
                ) : (
                  last && (
                    <Text className="mine__meta">
                      最新进展：{formatTime(last.at)} {last.note ?? ''}
                    </Text>
                  )
                )}
              </View>
            );
          })}
          <ListFooter list={mine} className="mine__more" />
        </View>
      ) : (
        <PageState
          loading={mine.loading}
          error={mine.error}
          empty={mine.loaded}
          emptyText="您还没有举报过隐患"
          onRetry={mine.reload}
        />
      )}
      {mine.loaded && mine.items.length === 0 && (
        <View className="mine__cta">
          <Button kind="primary" onClick={() => void goTo('/pages/report/index')}>
            去举报隐患
          </Button>
        </View>
      )}
    </Shell>
  );
}
