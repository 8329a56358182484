import { Text, View } from '@tarojs/components';
import type { IdentityRead } from '../../../../types/reward';
import { ListFooter } from '../../../components/ListFooter';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Empty, ErrorState, Loading } from '../../../components/ui/States';
import { usePaged } from '../../../hooks/usePaged';
import { api } from '../../../services/api';
import { formatTime } from '../../../services/format';
import '../../office.css';
import '../rewards/index.css';

function Reads() {
  const list = usePaged<IdentityRead>((page) => api.reward.identityReads(page, 20), []);
  return (
    <View className="office-section identity-reads">
      <Text className="office-section__title">领奖人信息查看记录</Text>
      <Text className="reward-card__line">
        举报人信息依法保密，只有镇安委办为发放奖励才能查看，每次查看都记录在此。
      </Text>
      {list.items.length === 0 ? (
        list.error ? (
          <ErrorState message={list.error.message} onRetry={list.reload} />
        ) : list.loading ? (
          <Loading />
        ) : (
          <Empty text="还没有人查看过领奖人信息" />
        )
      ) : (
        <>
          <Text className="office-total">共 {list.total} 次</Text>
          {list.items.map((r) => (
            <View key={r.id} className="office-card identity-read">
              <View className="office-card__row">
                <Text className="office-card__title identity-read__who">{r.readerName}</Text>
                <Text className="reward-card__line identity-read__at">{formatTime(r.at)}</Text>
              </View>
              <Text className="reward-card__line identity-read__case">举报编号：{r.tipoffNo}</Text>
              <Text className="reward-card__line identity-read__reason">查看原因：{r.reason}</Text>
            </View>
          ))}
          <ListFooter list={list} />
        </>
      )}
    </View>
  );
}

/** The leader's list of every audited read of a reporter's identity: who, when, which case, why. */
export default function IdentityReadsPage() {
  return (
    <RoleGate roles={['leader']} who="office" text="此页面仅供镇领导查阅">
      <Shell className="office">
        <Reads />
      </Shell>
    </RoleGate>
  );
}
