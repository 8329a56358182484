import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { LedgerStatus, type LedgerEntry } from '../../../../types';
import { Button, Chip, ChipGroup } from '../../../components/ui';
import { ListFooter } from '../../../components/ListFooter';
import { PageState } from '../../../components/PageState';
import { RoleGate, DEPARTMENT_ROLES } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { usePaged } from '../../../hooks/usePaged';
import { useSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { LedgerCard } from '../../components/LedgerCard';
import { LedgerCreateForm } from '../../components/LedgerCreateForm';
import { LEDGER_STATUS_LABELS } from '../../ledger';
import './index.css';

// 待审核 (`rectified`): the enterprise fixed the hazard and asks for the 销号; the department reviews it.
const FILTERS: (LedgerStatus | undefined)[] = [undefined, 'rectified', 'open', 'rectifying', 'closed'];
const FILTER_LABELS: Record<LedgerStatus, string> = { ...LEDGER_STATUS_LABELS, rectified: '待审核' };

/** Only for those with department work: anyone else sees 无权访问 with a way home (RoleGate). */
export default function LedgerPage() {
  return (
    <RoleGate roles={DEPARTMENT_ROLES}>
      <LedgerPageBody />
    </RoleGate>
  );
}

function LedgerPageBody() {
  const session = useSession();
  // ?status=rectified from the department's 企业申请销号 message opens the list at 待审核.
  const asked = LedgerStatus.safeParse(useRouter().params.status);
  const [status, setStatus] = useState<LedgerStatus | undefined>(asked.success ? asked.data : undefined);
  const [creating, setCreating] = useState(false);
  const ledger = usePaged<LedgerEntry>(
    (page) => api.admin.ledger({ page, pageSize: 20, ...(status ? { status } : {}) }),
    [status],
  );
  const roles = session.data?.roles ?? [];
  const mayClose = roles.includes('head') || roles.includes('admin') || roles.includes('leader');

  const replace = (entry: LedgerEntry) => ledger.setItems((items) => items.map((e) => (e.id === entry.id ? entry : e)));

  return (
    <Shell className="ledger">
      <View className="ledger__header">
        <Text className="ledger__heading">重大事故隐患台账</Text>
        {!creating && (
          <Button className="ledger__add" kind="primary" inline onClick={() => setCreating(true)}>
            登记隐患
          </Button>
        )}
      </View>
      {creating && (
        <LedgerCreateForm
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            Taro.showToast({ title: '已登记入账', icon: 'success' });
            ledger.reload();
          }}
        />
      )}
      <ChipGroup label="按状态筛选" className="ledger__filters">
        {FILTERS.map((s) => (
          <Chip
            key={s ?? 'all'}
            active={status === s}
            label={s ? FILTER_LABELS[s] : '全部'}
            onClick={() => setStatus(s)}
          />
        ))}
      </ChipGroup>
      {ledger.loaded && <Text className="ledger__total">共 {ledger.total} 项</Text>}
      {ledger.items.length > 0 ? (
        <View className="ledger__list">
          {ledger.items.map((e) => (
            <LedgerCard key={e.id} entry={e} mayClose={mayClose} onUpdated={replace} />
          ))}
          <ListFooter list={ledger} className="ledger__more-button" />
        </View>
      ) : (
        <PageState
          loading={ledger.loading}
          error={ledger.error}
          empty={ledger.loaded}
          emptyText="台账中暂无重大事故隐患"
          onRetry={ledger.reload}
        />
      )}
    </Shell>
  );
}
