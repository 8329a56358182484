import { Text, View } from '@tarojs/components';
import { INTERNAL_STATUSES, INTERNAL_STATUS_LABELS, type InternalStatus } from '../../../types';
import { ListFooter } from '../../components/ListFooter';
import { PageState } from '../../components/PageState';
import { Chip, ChipGroup } from '../../components/ui';
import { usePaged } from '../../hooks/usePaged';
import { api } from '../../services/api';
import { ReportRow } from './ReportList';

/** 内部报告: the enterprise's internal reports, filtered by status (待企业受理 first by default). */
export function ReportsSection({
  status,
  onStatus,
  reshown = 0,
}: {
  status: InternalStatus | undefined;
  onStatus: (s: InternalStatus | undefined) => void;
  reshown?: number;
}) {
  const list = usePaged((page) => api.enterprise.reports({ page, ...(status ? { status } : {}) }), [status, reshown]);
  return (
    <View className="ent__section reports">
      <Text className="ent__title">员工报告的隐患</Text>
      <ChipGroup label="按状态筛选">
        <Chip active={!status} label="全部" onClick={() => onStatus(undefined)} />
        {INTERNAL_STATUSES.map((s) => (
          <Chip key={s} active={status === s} label={INTERNAL_STATUS_LABELS[s]} onClick={() => onStatus(s)} />
        ))}
      </ChipGroup>
      {list.loaded && list.items.length > 0 ? (
        list.items.map((r) => <ReportRow key={r.id} r={r} who="manager" />)
      ) : (
        <PageState
          loading={list.loading}
          error={list.error}
          onRetry={list.reload}
          empty={list.loaded && list.items.length === 0}
          emptyText={status ? `没有“${INTERNAL_STATUS_LABELS[status]}”的报告` : '员工还没有报告隐患'}
        />
      )}
      <ListFooter list={list} />
    </View>
  );
}
