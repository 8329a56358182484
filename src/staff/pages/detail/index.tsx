import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
import type { QueueDetail, QueueStep } from '../../../../types';
import { channelText } from '../../../../types/channels';
import { PageState } from '../../../components/PageState';
import { PhotoGrid } from '../../../components/PhotoGrid';
import { RoleGate, STAFF_ROLES } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { StatusTag } from '../../../components/StatusTag';
import { Timeline } from '../../../components/Timeline';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { formatDate, formatTime } from '../../../services/format';
import { ActionPanel } from '../../components/ActionPanel';
import { NotifyFailures } from '../../components/NotifyFailures';
import { ReportLocation } from '../../components/ReportLocation';
import { useReshown } from '../../../hooks/useReshown';
import { Button, a11y } from '../../../components/ui';
import { CaseBadges } from '../../components/CaseBadges';
import { FineSection } from '../../components/FineSection';
import './index.css';

const DEADLINE_LABELS: [keyof QueueDetail['deadlines'], string][] = [
  ['acceptBy', '受理期限'],
  ['verifyBy', '核查期限'],
  ['rectifyBy', '整改期限'],
  ['closeBy', '办结期限'],
];

function Section({ title, children, className = '' }: { title: string; children: ReactNode; className?: string }) {
  return (
    <View className={`detail__section ${className}`}>
      <Text className="detail__section-title">{title}</Text>
      {children}
    </View>
  );
}

function Body({ d, onChanged }: { d: QueueDetail; onChanged: (step?: QueueStep) => void }) {
  return (
    <View className="detail">
      <View className="detail__section">
        <View className="detail__row">
          <Text className="detail__no">{d.no}</Text>
          <StatusTag status={d.status} />
        </View>
        <Text className="detail__title">
          {d.major ? <Text className="detail__major">【重大】</Text> : null}
          {!d.major && d.suspectedMajor ? <Text className="detail__major">【疑似重大】</Text> : null}
          {d.categoryName} · {d.areaName}
        </Text>
        {d.nextStepHint && (
          <View className="detail__next" {...a11y({ role: 'status' })}>
            <Text className="detail__next-label">下一步</Text>
            <Text className="detail__next-text">{d.nextStepHint}</Text>
          </View>
        )}
        <View className="detail__flags">
          <CaseBadges item={d} prefix="detail" dueLabel="当前期限：" />
        </View>
        {d.moderation === 'unchecked' && (
          <Text className="detail__line detail__moderation-note">
            内容安全检测未能执行，本举报的文字或照片未经审核，请注意甄别。
          </Text>
        )}
        {d.photoFlagged && (
          <Text className="detail__line detail__moderation-note">
            有照片未通过内容安全检测，已对所有人隐藏（原图留存备查）。
          </Text>
        )}
        <Text className="detail__desc">{d.description}</Text>
        <PhotoGrid urls={d.photoUrls} className="detail__photos" />
        <Text className="detail__line">举报人：{d.reporter}</Text>
        <Text className="detail__line detail__channel">来源：{channelText(d.channel ?? 'app', d.externalNo)}</Text>
        <Text className="detail__line">提交时间：{formatTime(d.createdAt)}</Text>
        <Text className="detail__line">附议：{d.followers} 人</Text>
        {d.mergedIntoNo && <Text className="detail__line">已合并至：{d.mergedIntoNo}</Text>}
        {d.mergedFrom && d.mergedFrom.length > 0 && (
          <View className="detail__merged-from">
            <Text className="detail__line">已并入本案的举报（{d.mergedFrom.length} 件）：</Text>
            {d.mergedFrom.map((m) => (
              <Text
                key={m.id}
                className="detail__merged-from-no"
                onClick={() => Taro.navigateTo({ url: `/staff/pages/detail/index?id=${encodeURIComponent(m.id)}` })}
                {...a11y({ role: 'link' })}
              >
                {m.no} ›
              </Text>
            ))}
          </View>
        )}
        <NotifyFailures failures={d.notifyFailures} />
      </View>

      <Section title="位置">
        <ReportLocation latitude={d.latitude} longitude={d.longitude} address={d.address} />
      </Section>

      <Section title="分派" className="detail__routing">
        <Text className="detail__line">责任部门：{d.departmentName}</Text>
        <Text className="detail__line">分派依据：{d.routing.reason}</Text>
        {d.coDepartmentNames.length > 0 && (
          <Text className="detail__line">协办部门：{d.coDepartmentNames.join('、')}</Text>
        )}
      </Section>

      <Section title="期限" className="detail__deadlines">
        {DEADLINE_LABELS.filter(([k]) => d.deadlines[k]).map(([k, label]) => (
          <Text key={k} className="detail__line">
            {label}：{formatTime(d.deadlines[k])}
            {k === 'closeBy' && d.closeExtended ? '（已延期）' : ''}
          </Text>
        ))}
      </Section>

      {d.verification && (
        <Section title="核查" className="detail__verification">
          <Text className="detail__line">
            结果：{d.verification.founded ? '属实' : '不属实'}
            {d.verification.major ? '（重大事故隐患）' : ''}
          </Text>
          {d.verification.alreadyKnown && (
            <Text className="detail__line">本部门此前已发现并正在处理（不予举报奖励）</Text>
          )}
          <Text className="detail__line">说明：{d.verification.note}</Text>
          <Text className="detail__line">时间：{formatTime(d.verification.at)}</Text>
        </Section>
      )}

      <FineSection d={d} onChanged={() => onChanged()} />

      {d.rectification && (
        <Section title="整改" className="detail__rectification">
          <Text className="detail__line">整改措施：{d.rectification.measures}</Text>
          <Text className="detail__line">整改期限：{formatDate(d.rectification.deadline)}</Text>
          <Text className="detail__line">责任单位：{d.rectification.responsibleUnit}</Text>
          {d.rectification.rectifiedAt && (
            <Text className="detail__line">完成时间：{formatTime(d.rectification.rectifiedAt)}</Text>
          )}
          {d.rectification.note && <Text className="detail__line">整改情况：{d.rectification.note}</Text>}
          <PhotoGrid urls={d.rectification.evidenceUrls} className="detail__evidence" />
        </Section>
      )}

      <Section title="办理记录">
        <Timeline entries={d.timeline} />
      </Section>

      <ActionPanel report={d} onChanged={onChanged} />
    </View>
  );
}

function backToQueue() {
  Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/staff/pages/queue/index' }));
}

/** Only for those with department work: anyone else sees 无权访问 with a way home (RoleGate). */
export default function StaffDetailPage() {
  return (
    <RoleGate roles={STAFF_ROLES}>
      <StaffDetailPageBody />
    </RoleGate>
  );
}

function StaffDetailPageBody() {
  const id = useRouter().params.id ?? '';
  const shown = useReshown();
  const detail = useRemote(() => api.queue.detail(id), [id, shown]);

  const changed = (step?: QueueStep) => {
    // A transferred case belongs to another department now: back to the queue, which reloads on show.
    if (step === 'transfer') backToQueue();
    else detail.reload();
  };

  return (
    <Shell className="staff-detail">
      {/* A failed reload must not leave the old state (and its steps) on screen. */}
      {detail.data && !detail.error ? (
        <Body d={detail.data} onChanged={changed} />
      ) : (
        <View>
          <PageState loading={detail.loading && !detail.data} error={detail.error} onRetry={detail.reload} />
          {detail.error && (
            <View className="detail__back">
              <Button inline onClick={backToQueue}>
                返回部门待办
              </Button>
            </View>
          )}
        </View>
      )}
    </Shell>
  );
}
