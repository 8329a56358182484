import { Text, View } from '@tarojs/components';
import type { TipoffDetailView } from '../../types';
import { formatTime } from '../services/format';
import { PhotoGrid } from './PhotoGrid';
import { RatingForm, RatingView } from './Rating';
import { StatusTag } from './StatusTag';
import { Timeline } from './Timeline';
import './TipoffView.css';

interface Props {
  /** The reporter's own view, or a follower's (status and public notes only). */
  detail: TipoffDetailView;
  /** Rates the report; the form shows only when the server says it may be rated. */
  onRate?: (score: number, comment?: string) => Promise<void>;
}

/** What a reporter sees of a report: the same on the detail page and on the tracking-code page. */
export function TipoffView({ detail, onRate }: Props) {
  const own = detail.view === 'reporter' ? detail : undefined;
  return (
    <View className="tipoff">
      <View className="tipoff__card">
        <View className="tipoff__row">
          <Text className="tipoff__no">{detail.no}</Text>
          <StatusTag status={detail.status} />
        </View>
        <Text className="tipoff__title">
          {own?.suspectedMajor ? '【疑似重大】' : ''}
          {detail.categoryName} · {detail.areaName}
        </Text>
        <Text className="tipoff__desc">{detail.description}</Text>
        {own && <PhotoGrid urls={own.photoUrls} className="tipoff__photos" />}
        {own && <Text className="tipoff__meta">地址：{own.address}</Text>}
        {!own && <Text className="tipoff__meta tipoff__follower">您已附议此举报，可查看处理进度</Text>}
        <Text className="tipoff__meta">处理部门：{detail.departmentName}</Text>
        <Text className="tipoff__meta">提交时间：{formatTime(detail.createdAt)}</Text>
        <Text className="tipoff__meta tipoff__followers">附议 {detail.followers} 人</Text>
        {detail.mergedIntoNo && (
          <Text className="tipoff__meta">已与 {detail.mergedIntoNo} 合并处理，后续进展会一并通知您</Text>
        )}
      </View>

      <View className="tipoff__card">
        <Text className="tipoff__section">处理进度</Text>
        <Timeline entries={detail.timeline} />
      </View>

      {own?.rating ? <RatingView rating={own.rating} /> : own?.canRate && onRate && <RatingForm onSubmit={onRate} />}
    </View>
  );
}
