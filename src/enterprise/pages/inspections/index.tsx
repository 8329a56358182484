import { Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { InspectionDetail, InspectionSummary } from '../../../../types/inspection';
import { ListFooter } from '../../../components/ListFooter';
import { PageState } from '../../../components/PageState';
import { Badge, Button, a11y, pressable } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { formatTime } from '../../../services/format';
import { previewImages } from '../../../services/media';
import { goTo } from '../../../services/navigate';
import { EnterpriseGate } from '../../components/Gate';
import '../../inspect.css';

/** "符合 20 · 不符合 2 · 不涉及 8" as badges. */
function Counts({ s }: { s: InspectionSummary }) {
  return (
    <View className="inspect__counts">
      <Badge tone="success">符合 {s.counts.ok}</Badge>
      <Badge tone={s.counts.fail > 0 ? 'danger' : 'neutral'}>不符合 {s.counts.fail}</Badge>
      <Badge tone="neutral">不涉及 {s.counts.na}</Badge>
      {s.majorFails > 0 && <Badge tone="danger">重大隐患 {s.majorFails}</Badge>}
    </View>
  );
}

function LedgerNos({ nos }: { nos: string[] }) {
  if (nos.length === 0) return null;
  return <Text className="ent__hint">已进入镇隐患台账：{nos.join('、')}</Text>;
}

function History() {
  const list = usePaged<InspectionSummary>((page) => api.enterprise.inspections({ page, pageSize: 20 }), []);
  return (
    <View className="inspections">
      <View className="ent__section">
        <Text className="ent__title">自查记录</Text>
        <Text className="ent__line">每次重大隐患自查的结果，最新的在前。</Text>
        <View className="ent__actions">
          <Button kind="primary" onClick={() => void goTo('/enterprise/pages/inspection/index')}>
            开始新的自查
          </Button>
        </View>
      </View>
      {list.items.length > 0 ? (
        <View className="ent__section">
          {list.items.map((s) => {
            const open = () => void goTo(`/enterprise/pages/inspections/index?id=${s.id}`);
            return (
              <View
                key={s.id}
                className="ent__item inspect__card inspections__row"
                // Named by what it shows (date, leader, counts): a shorter label would hide the visible text.
                {...a11y({ role: 'link' })}
                {...pressable(open)}
              >
                <Text className="ent__subtitle">{formatTime(s.at)}</Text>
                <Text className="ent__line">带队负责人：{s.leaderName}</Text>
                <Counts s={s} />
                <LedgerNos nos={s.ledgerNos} />
              </View>
            );
          })}
          <ListFooter list={list} />
        </View>
      ) : (
        <PageState
          loading={list.loading}
          error={list.error}
          empty={list.loaded}
          emptyText="还没有自查记录。点上面“开始新的自查”，由主要负责人带队逐项检查。"
          onRetry={list.reload}
        />
      )}
    </View>
  );
}

function Detail({ id }: { id: string }) {
  const detail = useRemote(() => api.enterprise.inspection(id), [id]);
  const d: InspectionDetail | undefined = detail.data;
  if (!d) return <PageState loading={detail.loading} error={detail.error} onRetry={detail.reload} />;
  return (
    <View className="inspection-detail">
      <View className="ent__section">
        <Text className="ent__title">{formatTime(d.at)} 的自查</Text>
        <Text className="ent__line">带队负责人：{d.leaderName}</Text>
        {d.by !== d.leaderName && <Text className="ent__meta">填报人：{d.by}</Text>}
        <Counts s={d} />
        <LedgerNos nos={d.ledgerNos} />
        {d.ledgerNos.length > 0 && (
          <View className="ent__actions">
            <Button onClick={() => void goTo('/enterprise/pages/ledger/index')}>查看隐患台账</Button>
          </View>
        )}
      </View>
      {d.items.map((item, i) => (
        <View key={item.id} className={`inspect__item inspect__item--${item.result}`}>
          {item.major && (
            <Badge tone="danger" className="inspect__major">
              重大隐患
            </Badge>
          )}
          <Text className="inspect__text">
            {i + 1}. {item.text}
          </Text>
          <Text className="inspect__basis">依据：{item.basis}</Text>
          <Text className={`inspect__result inspect__result--${item.result}`}>{item.resultLabel}</Text>
          {item.note && <Text className="inspect__note">{item.note}</Text>}
          {item.photoUrls.length > 0 && (
            <View className="ent__photos">
              {item.photoUrls.map((u, k) => (
                <Image
                  key={`${u}-${k}`}
                  className="ent__photo"
                  src={u}
                  mode="aspectFill"
                  {...a11y({ label: `第 ${i + 1} 项照片 ${k + 1}` })}
                  // h5: the <img> inside Taro's image gets its text alternative.
                  nativeProps={{ alt: `第 ${i + 1} 项照片 ${k + 1}` }}
                  onClick={() => previewImages(item.photoUrls, u)}
                />
              ))}
            </View>
          )}
          {item.ledgerNo && <Text className="ent__hint">台账编号：{item.ledgerNo}</Text>}
        </View>
      ))}
    </View>
  );
}

export default function InspectionsPage() {
  const id = useRouter().params.id ?? '';
  return (
    <EnterpriseGate roles={['safetyManager']} className="inspections-page">
      {() => (id ? <Detail id={id} /> : <History />)}
    </EnterpriseGate>
  );
}
