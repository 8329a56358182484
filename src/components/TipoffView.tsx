import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { TipoffDetailView, TipoffProgress } from '../../types';
import { asCloudError } from '../services/errors';
import { formatDate, formatTime, townToday } from '../services/format';
import { PhotoGrid } from './PhotoGrid';
import { RatingForm, RatingView } from './Rating';
import { StatusTag } from './StatusTag';
import { Timeline } from './Timeline';
import { a11y } from './ui/a11y';
import { Button } from './ui/Button';
import './TipoffView.css';

interface Props {
  /** The reporter's own view, or a follower's (status and public notes only). */
  detail: TipoffDetailView;
  /** Rates the report; the form shows only when the server says it may be rated. */
  onRate?: (score: number, comment?: string) => Promise<void>;
  /** 催办 (the department is reminded); shown only when the server says `canUrge`. Resolves to the town date. */
  onUrge?: () => Promise<string>;
}

/** `2026-12-01` → `12 月 1 日`. */
export function chineseDate(date: string): string {
  const [, m, d] = formatDate(date).split('-');
  return m && d ? `${Number(m)} 月 ${Number(d)} 日` : date;
}

/** Where the report stands, in plain words, with the expected date and whether it is late. */
export function ProgressNote({ progress, className = '' }: { progress?: TipoffProgress; className?: string }) {
  if (!progress) return null;
  return (
    <View className={`progress-note ${progress.overdue ? 'progress-note--overdue' : ''} ${className}`}>
      <Text className="progress-note__text">{progress.text}</Text>
      {progress.overdue ? (
        <Text className="progress-note__due">
          已超过预计时间{progress.expectedBy ? `（${chineseDate(progress.expectedBy)}）` : ''}
        </Text>
      ) : (
        progress.expectedBy &&
        !progress.text.includes(chineseDate(progress.expectedBy)) && (
          <Text className="progress-note__due">{`预计 ${chineseDate(progress.expectedBy)}前`}</Text>
        )
      )}
    </View>
  );
}

function Urge({ canUrge, urgedOn, onUrge }: { canUrge: boolean; urgedOn?: string; onUrge?: () => Promise<string> }) {
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The server counts 催办 once per town day.
  const urgedToday = done !== undefined || urgedOn === townToday();
  if (urgedToday) {
    return <Text className="tipoff__urged">今天已催办，部门已收到提醒；明天仍未处理可再次催办。</Text>;
  }
  if (!canUrge || !onUrge) return null;
  const urge = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setDone(await onUrge());
    } catch (e) {
      setError(asCloudError(e, '催办失败，请稍后重试').message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="tipoff__urge">
      <Text className="tipoff__urge-hint">已超过预计处理时间，您可以催办（每天一次），我们会提醒处理部门。</Text>
      <Button
        kind="primary"
        className="tipoff__urge-button"
        loading={busy}
        loadingText="催办中…"
        onClick={() => void urge()}
      >
        催办
      </Button>
      {error && (
        <Text className="tipoff__urge-error field-error" {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      )}
    </View>
  );
}

/** What a reporter sees of a report: the same on the detail page and on the tracking-code page. */
export function TipoffView({ detail, onRate, onUrge }: Props) {
  const own = detail.view === 'reporter' ? detail : undefined;
  // A closed report shows the rectification photos beside the original ones (整改前后对比).
  const compare = !!own?.evidenceUrls?.length && own.status === 'closed';
  return (
    <View className="tipoff">
      <View className="tipoff__card">
        <View className="tipoff__row">
          <Text className="tipoff__no">{detail.no}</Text>
          <StatusTag status={detail.status} resident />
        </View>
        <Text className="tipoff__title">
          {own?.suspectedMajor ? '【疑似重大】' : ''}
          {detail.categoryName} · {detail.areaName}
        </Text>
        <Text className="tipoff__desc">{detail.description}</Text>
        {own && !compare && <PhotoGrid urls={own.photoUrls} className="tipoff__photos" />}
        {own && <Text className="tipoff__meta">地址：{own.address}</Text>}
        {!own && <Text className="tipoff__meta tipoff__follower">您已附议此举报，可查看处理进度</Text>}
        <Text className="tipoff__meta">处理部门：{detail.departmentName}</Text>
        <Text className="tipoff__meta">提交时间：{formatTime(detail.createdAt)}</Text>
        <Text className="tipoff__meta tipoff__followers">附议 {detail.followers} 人</Text>
        {detail.mergedIntoNo && (
          <Text className="tipoff__meta">已与 {detail.mergedIntoNo} 合并处理，后续进展会一并通知您</Text>
        )}
      </View>

      {own && compare && (
        <View className="tipoff__card tipoff__compare">
          <Text className="tipoff__section">整改前后对比</Text>
          <View className="tipoff__compare-row">
            <View className="tipoff__compare-col tipoff__compare-before">
              <Text className="tipoff__compare-label">整改前</Text>
              {own.photoUrls.length > 0 ? (
                <PhotoGrid urls={own.photoUrls} label="整改前照片" />
              ) : (
                <Text className="tipoff__meta">举报时未附照片</Text>
              )}
            </View>
            <View className="tipoff__compare-col tipoff__compare-after">
              <Text className="tipoff__compare-label">整改后</Text>
              <PhotoGrid urls={own.evidenceUrls} label="整改后照片" />
            </View>
          </View>
        </View>
      )}

      <View className="tipoff__card">
        <Text className="tipoff__section">处理进度</Text>
        <ProgressNote progress={detail.progress} className="tipoff__progress" />
        {own && <Urge canUrge={own.canUrge} urgedOn={own.urgedOn} onUrge={onUrge} />}
        <Timeline entries={detail.timeline} resident />
      </View>

      {own?.rating ? <RatingView rating={own.rating} /> : own?.canRate && onRate && <RatingForm onSubmit={onRate} />}
    </View>
  );
}
