import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui/Button';
import Taro from '@tarojs/taro';
import type { SubmitTipoffResult } from '../../../types';
import { a11y } from '../../components/ui/a11y';
import { goTo } from '../../services/navigate';

const copyCode = (code: string) =>
  Taro.setClipboardData({ data: code })
    .then(() => Taro.showToast({ title: '查询码已复制', icon: 'success' }))
    .catch(() => Taro.showToast({ title: '复制失败，请手动记下查询码', icon: 'none' }));

/** The filed report: a success mark, what happens next, and (only for anonymous reports) the tracking code. */
export function SubmitDone({
  result,
  anonymous,
  onAgain,
}: {
  result: SubmitTipoffResult;
  /** Only an anonymous reporter needs the 查询码: a named one finds the report under 我的举报. */
  anonymous: boolean;
  onAgain: () => void;
}) {
  return (
    <View className={`report__done ${anonymous ? 'report__done--anonymous' : 'report__done--named'}`}>
      <View className="report__done-mark" {...a11y({ label: '提交成功' })}>
        <Text className="report__done-check">✓</Text>
      </View>
      <Text className="report__done-title">举报已提交</Text>
      <Text className="report__done-line">编号：{result.no}</Text>
      <Text className="report__done-line">已分派至：{result.departmentName}</Text>
      <View className="report__next">
        <Text className="report__next-title">接下来</Text>
        <Text className="report__next-step">1. {result.departmentName}将受理并到现场核实。</Text>
        <Text className="report__next-step">2. 属实的隐患会限期整改，整改完成后复核办结。</Text>
        <Text className="report__next-step">
          3. 每一步进展都会{anonymous ? '在查询码查询中显示' : '通知您'}，办结后可以评价处理结果。
        </Text>
      </View>
      {anonymous ? (
        <View className="report__code">
          <Text className="report__done-line report__tracking-code">查询码：{result.trackingCode}</Text>
          <Button className="report__button report__copy" inline onClick={() => void copyCode(result.trackingCode)}>
            复制查询码
          </Button>
          <Text className="report__done-hint">匿名举报只能凭查询码查看进度、领取奖励，请复制保存。</Text>
          {/* 随手拍 starts a fresh form when shown again: the code stays on the report's card under 我的. */}
          <Text className="report__done-hint report__code-in-mine">查询码也记在“我的”举报记录中，可随时查看。</Text>
        </View>
      ) : (
        <Text className="report__done-hint">您可以随时在“我的举报”中查看进度。</Text>
      )}
      <Button
        kind="primary"
        className="report__button report__view"
        onClick={() => Taro.redirectTo({ url: `/pages/tipoff/detail/index?id=${encodeURIComponent(result.id)}` })}
      >
        查看处理进度
      </Button>
      <Button
        className="report__button report__button--plain"
        onClick={() => void goTo('/pages/mine/index', { replace: true })}
      >
        查看我的举报
      </Button>
      <Button className="report__button report__button--plain report__again" onClick={onAgain}>
        再报一条
      </Button>
    </View>
  );
}

/** After 附议: no new report, the user follows the earlier one. */
export function FollowDone({ no, already, onAgain }: { no: string; already: boolean; onAgain: () => void }) {
  return (
    <View className="report__done report__followed">
      <Text className="report__done-title">已附议，处理进展会通知您</Text>
      <Text className="report__done-line">举报编号：{no}</Text>
      {already && <Text className="report__done-hint">（您此前已附议过这条举报）</Text>}
      <Text className="report__done-hint">无需重复举报，可在“消息”中查看处理进展。</Text>
      <Button
        kind="primary"
        className="report__button"
        onClick={() => Taro.redirectTo({ url: '/pages/messages/index' })}
      >
        查看消息
      </Button>
      <Button className="report__button report__button--plain report__again" onClick={onAgain}>
        举报其他隐患
      </Button>
    </View>
  );
}
