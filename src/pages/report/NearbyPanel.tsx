import { Text, View } from '@tarojs/components';
import { Button } from '../../components/ui/Button';
import { disabledIf } from '../../components/Form';
import { useState } from 'react';
import type { NearbyTipoff } from '../../../types';
import { StatusTag } from '../../components/StatusTag';
import { api } from '../../services/api';
import { asCloudError } from '../../services/errors';
import { formatTime } from '../../services/format';

interface Props {
  items: NearbyTipoff[];
  /** Continue filing a new report (it is not the same hazard). */
  onContinue: () => void;
  onBack: () => void;
  onFollowed: (tipoff: NearbyTipoff, result: { followers: number; already: boolean; no: string }) => void;
  submitting: boolean;
  /** The report's point is only its area's centre (no point picked): distances would read "约 0 米". */
  approximate?: boolean;
}

/** Open reports of the same kind close by: 附议 one of them instead of filing a duplicate. */
export function NearbyPanel({ items, onContinue, onBack, onFollowed, submitting, approximate = false }: Props) {
  const [following, setFollowing] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const follow = async (t: NearbyTipoff) => {
    if (following) return;
    setFollowing(t.id);
    setErrors((e) => ({ ...e, [t.id]: '' }));
    try {
      onFollowed(t, await api.tipoff.follow(t.id));
    } catch (e) {
      setErrors((prev) => ({ ...prev, [t.id]: asCloudError(e, '附议失败，请重试').message }));
    } finally {
      setFollowing(undefined);
    }
  };

  return (
    <View className="nearby">
      <Text className="nearby__title">{approximate ? '同一片区已有同类举报' : '附近 250 米内已有同类举报'}</Text>
      <Text className="nearby__hint">如果是同一处隐患，附议即可，处理进展会同样通知您；不必重复举报。</Text>
      {items.map((t) => {
        // The server marks the caller's own reports: they are not offered for 附议.
        const mine = t.mine;
        return (
          <View key={t.id} className={`nearby__item ${mine ? 'nearby__item--own' : ''}`}>
            <View className="nearby__row">
              <Text className="nearby__no">{t.categoryName}</Text>
              <StatusTag status={t.status} resident />
            </View>
            <Text className="nearby__desc">{t.description}</Text>
            {/* Only what recognises the hazard: the area and a rounded distance, never the reporter's address. */}
            <Text className="nearby__meta">
              {[
                t.areaName,
                approximate ? '' : `约 ${t.distanceMeters} 米`,
                `附议 ${t.followers} 人`,
                formatTime(t.createdAt),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            {errors[t.id] && <Text className="field-error">{errors[t.id]}</Text>}
            {mine ? (
              <Text className="nearby__own">这是您本人的举报，正在处理中，可在“我的举报”查看进度。</Text>
            ) : (
              <Button
                kind="primary"
                className="nearby__follow"
                loading={following === t.id}
                loadingText="附议中…"
                disabled={disabledIf(!!following || submitting)}
                onClick={() => follow(t)}
              >
                同一隐患，附议
              </Button>
            )}
          </View>
        );
      })}
      <Button className="nearby__continue" disabled={disabledIf(!!following || submitting)} onClick={onContinue}>
        {submitting ? '提交中…' : '不是同一处，继续提交'}
      </Button>
      <Button className="nearby__back report__button--plain" disabled={disabledIf(submitting)} onClick={onBack}>
        返回修改
      </Button>
    </View>
  );
}
