import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ListFooter } from '../../../components/ListFooter';
import { PageState } from '../../../components/PageState';
import { Button } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useReshown } from '../../../hooks/useReshown';
import { api } from '../../../services/api';
import { goTo } from '../../../services/navigate';
import { EnterpriseGate } from '../../components/Gate';
import { ReportRow } from '../../components/ReportList';

function MyReports() {
  const reshown = useReshown();
  const list = usePaged((page) => api.enterprise.myReports(page), [reshown]);
  return (
    <View className="my-reports">
      <View className="ent__section">
        <Text className="ent__title">我的内部报告</Text>
        {list.loaded && list.items.length > 0 ? (
          list.items.map((r) => <ReportRow key={r.id} r={r} who="worker" />)
        ) : (
          <PageState
            loading={list.loading}
            error={list.error}
            onRetry={list.reload}
            empty={list.loaded && list.items.length === 0}
            emptyText="您还没有向企业报告过隐患"
          />
        )}
        <ListFooter list={list} />
        <View className="ent__actions">
          <Button kind="primary" onClick={() => void Taro.navigateTo({ url: '/enterprise/pages/report/index' })}>
            报告一条隐患
          </Button>
          <Button className="my-reports__checkin" onClick={() => void goTo('/drills/pages/checkin/index')}>
            应急演练扫码签到
          </Button>
        </View>
      </View>
    </View>
  );
}

export default function MyReportsPage() {
  return (
    <EnterpriseGate roles={['worker']} className="my-reports-page">
      {() => <MyReports />}
    </EnterpriseGate>
  );
}
