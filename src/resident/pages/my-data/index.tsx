import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { DeleteMeResult, MyData } from '../../../../types/privacy';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { a11y, pressable } from '../../../components/ui/a11y';
import { useRemote } from '../../../hooks/useRemote';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import { formatDate, formatTime, formatYuan } from '../../../services/format';
import { goHome, goTo } from '../../../services/navigate';
import '../../../components/Form.css';
import '../../resident.css';

/** What this phone keeps of the person: unsent drafts (which may hold a name and phone) and the last 查询码. */
const LOCAL_KEYS = ['mx.draft.tipoff', 'mx.draft.internal', 'mx.draft.enterprise', 'mx.track.last'];

function forgetLocally() {
  for (const key of LOCAL_KEYS) {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // nothing stored, or storage unavailable
    }
  }
  resetSession(); // the next page signs in afresh, as a new visitor
}

const Row = ({ label, value }: { label: string; value: string }) => (
  <Text className="resident-text">
    {label}：{value}
  </Text>
);

function Overview({ data }: { data: MyData }) {
  const { account, consent, reports, messages, rewards, drillCheckins } = data;
  return (
    <>
      <View className="resident-section my-data__account">
        <Text className="resident-section__title">账号</Text>
        <Row label="称呼" value={account.displayName || '未填写'} />
        <Row label="身份" value={account.roleNames.join('、') || '居民'} />
        {account.departmentName && <Row label="所在部门" value={account.departmentName} />}
        {account.enterpriseName && <Row label="所在企业" value={account.enterpriseName} />}
        {account.createdAt && <Row label="开始使用" value={formatDate(account.createdAt)} />}
        <Row
          label="个人信息保护说明"
          value={consent.version !== null && consent.at ? `已于 ${formatTime(consent.at)} 同意` : '尚未同意'}
        />
      </View>

      <View className="resident-section my-data__reports">
        <Text className="resident-section__title">我的举报（{reports.length} 条）</Text>
        {reports.length === 0 && <Text className="resident-hint">您还没有举报过隐患。</Text>}
        {reports.map((r) => (
          <View key={r.no} className="resident-card">
            <View className="resident-card__row">
              <Text className="resident-card__title">{r.no}</Text>
              <Text className="resident-card__meta">{r.statusLabel}</Text>
            </View>
            <Text className="resident-card__meta">
              {formatDate(r.createdAt)} · {r.anonymous ? '匿名举报' : '实名举报'}
            </Text>
            {r.contact && (
              <Text className="resident-text">
                留下的联系方式：{r.contact.name}，{r.contact.phone}
              </Text>
            )}
          </View>
        ))}
      </View>

      <View className="resident-section my-data__other">
        <Text className="resident-section__title">消息、奖励和演练签到</Text>
        <Row label="收到的消息" value={`${messages} 条`} />
        {rewards.length === 0 ? (
          <Row label="奖励" value="暂无" />
        ) : (
          rewards.map((w) => (
            <Text key={w.tipoffNo} className="resident-text">
              举报 {w.tipoffNo} 的奖励：{w.statusLabel}
              {w.amountFen !== null ? `，${formatYuan(w.amountFen)}` : ''}
            </Text>
          ))
        )}
        {!!drillCheckins && <Row label="应急演练签到" value={`${drillCheckins} 次`} />}
      </View>
    </>
  );
}

function Deleted({ result }: { result: DeleteMeResult }) {
  return (
    <View className="resident-section my-data__deleted" {...a11y({ role: 'status' })}>
      <Text className="resident-section__title">您的个人信息已删除</Text>
      <Text className="resident-text">账号和 {result.messagesDeleted} 条消息已删除。</Text>
      <Text className="resident-text">
        {result.reportsMadeAnonymous} 条实名举报已改为匿名，不再带有您的姓名和电话。
      </Text>
      {!!result.claimsWithdrawn && (
        <Text className="resident-text">
          {result.claimsWithdrawn} 笔凭查询码认领、尚未核定的奖励，认领已撤回；如仍要领取，可凭查询码重新认领。
        </Text>
      )}
      {result.kept.length > 0 && (
        <>
          <Text className="resident-text my-data__kept-title">按照法律规定保留的：</Text>
          <View className="resident-list">
            {result.kept.map((k) => (
              <Text key={k} className="resident-list__item">
                · {k}
              </Text>
            ))}
          </View>
        </>
      )}
      <Text className="resident-hint">再次使用时，您将作为新用户开始。</Text>
      <View className="resident-actions">
        <Button kind="primary" className="my-data__home" onClick={() => void goHome()}>
          回到首页
        </Button>
      </View>
    </View>
  );
}

/** 我的个人信息: what the town holds about the caller, and 删除我的个人信息 (typed 删除 in a confirmation). */
export default function MyDataPage() {
  const data = useRemote(() => api.user.myData(), []);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  const [result, setResult] = useState<DeleteMeResult>();

  const remove = async () => {
    if (typed.trim() !== '删除') {
      setTypedError('请输入“删除”两个字以确认');
      return;
    }
    setTypedError(undefined);
    setDeleting(true);
    try {
      const res = await api.user.deleteMe({ confirm: '删除' });
      forgetLocally();
      setResult(res);
      setConfirming(false);
    } catch (e) {
      setTypedError(asCloudError(e, '删除失败，请重试').message);
    } finally {
      setDeleting(false);
    }
  };

  if (result) {
    return (
      <Shell className="resident my-data">
        <Deleted result={result} />
      </Shell>
    );
  }
  if (!data.data) {
    return (
      <Shell className="resident my-data">
        <PageState loading={data.loading} error={data.error} onRetry={data.reload} />
      </Shell>
    );
  }
  const kept = data.data.keptOnDeletion;
  return (
    <Shell className="resident my-data">
      <View className="resident-section">
        <Text className="resident-text">这里是镇里保存的、与您有关的全部个人信息。</Text>
        <View
          className="resident-link"
          {...a11y({ role: 'link' })}
          {...pressable(() => void goTo('/resident/pages/privacy/index'))}
        >
          查看个人信息保护说明 ›
        </View>
      </View>
      <Overview data={data.data} />
      <View className="resident-section my-data__delete">
        <Text className="resident-section__title">删除我的个人信息</Text>
        <Text className="resident-text">删除后：</Text>
        <View className="resident-list">
          <Text className="resident-list__item">· 您的账号和收到的消息会被删除；</Text>
          <Text className="resident-list__item">· 实名举报上的姓名和电话会去掉，举报改为匿名，隐患仍会继续处理。</Text>
        </View>
        {kept.length > 0 && (
          <>
            <Text className="resident-text">按照法律规定，以下信息会保留：</Text>
            <View className="resident-list">
              {kept.map((k) => (
                <Text key={k} className="resident-list__item">
                  · {k}
                </Text>
              ))}
            </View>
          </>
        )}
        <View className="resident-actions">
          <Button kind="danger" className="my-data__delete-open" onClick={() => setConfirming(true)}>
            删除我的个人信息
          </Button>
        </View>
      </View>
      <Dialog
        open={confirming}
        title="确定删除您的个人信息？"
        consequence="删除后无法恢复。请在下面输入“删除”两个字以确认。"
        confirmText="删除"
        danger
        busy={deleting}
        onConfirm={() => void remove()}
        onCancel={() => {
          setConfirming(false);
          setTyped('');
          setTypedError(undefined);
        }}
      >
        <Field label="输入“删除”以确认" id="my-data-confirm" error={typedError}>
          {(control) => (
            <Input
              className="form-input my-data__confirm"
              value={typed}
              maxlength={4}
              placeholder="在这里输入"
              onInput={(e) => setTyped(e.detail.value)}
              {...control}
            />
          )}
        </Field>
      </Dialog>
    </Shell>
  );
}
