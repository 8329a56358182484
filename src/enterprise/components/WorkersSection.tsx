import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { EnterpriseMember, PendingJoin } from '../../../types';
import { FieldError } from '../../components/Form';
import { PageState } from '../../components/PageState';
import { Badge, Button, Dialog, Empty, Field } from '../../components/ui';
import { useRemote } from '../../hooks/useRemote';
import { api } from '../../services/api';
import { asCloudError } from '../../services/errors';
import { formatDate } from '../../services/format';

type Pending = { kind: 'refuse'; join: PendingJoin } | { kind: 'remove'; member: EnterpriseMember };

/** 人员: who asked to join (同意 / 拒绝) and the enterprise's members (移出 with a reason). */
export function WorkersSection({ onChanged }: { onChanged?: () => void }) {
  const list = useRemote(() => api.enterprise.workers(), []);
  const [busy, setBusy] = useState<string>();
  const [dialog, setDialog] = useState<Pending>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [error, setError] = useState<string>();

  const run = async (key: string, call: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setError(undefined);
    try {
      await call();
      setDialog(undefined);
      Taro.showToast({ title: done, icon: 'none' });
      list.reload();
      onChanged?.();
    } catch (e) {
      setError(asCloudError(e).message);
    } finally {
      setBusy(undefined);
    }
  };

  const confirmDialog = () => {
    if (!dialog) return;
    if (dialog.kind === 'refuse')
      return void run(`refuse-${dialog.join.id}`, () => api.enterprise.confirmJoin(dialog.join.id, false), '已拒绝');
    const r = reason.trim();
    if (r.length < 2) return setReasonError('请填写移出原因（至少 2 个字）');
    setReasonError(undefined);
    void run(`remove-${dialog.member.id}`, () => api.enterprise.removeWorker(dialog.member.id, r), '已移出');
  };

  if (!list.data) return <PageState loading={list.loading} error={list.error} onRetry={list.reload} />;
  const { members, pending } = list.data;

  return (
    <View className="workers">
      {error && (
        <View className="ent__section">
          <FieldError message={error} />
        </View>
      )}
      <View className="ent__section workers__pending">
        <View className="ent__row">
          <Text className="ent__title">申请加入</Text>
          {pending.length > 0 && <Badge tone="warning">待确认 {pending.length}</Badge>}
        </View>
        {pending.length === 0 ? (
          <Text className="ent__hint">没有待确认的申请。员工用您发的公告栏邀请码申请后，会出现在这里。</Text>
        ) : (
          pending.map((j) => (
            <View key={j.id} className="ent__item workers__join">
              <Text className="ent__line">{j.name}</Text>
              <Text className="ent__meta">申请时间 {formatDate(j.requestedAt)}</Text>
              <View className="ent__actions">
                <Button
                  className="workers__refuse"
                  disabled={!!busy}
                  ariaLabel={`拒绝 ${j.name} 加入`}
                  onClick={() => setDialog({ kind: 'refuse', join: j })}
                >
                  拒绝
                </Button>
                <Button
                  kind="primary"
                  className="workers__approve"
                  loading={busy === `approve-${j.id}`}
                  disabled={!!busy}
                  ariaLabel={`同意 ${j.name} 加入`}
                  onClick={() => void run(`approve-${j.id}`, () => api.enterprise.confirmJoin(j.id, true), '已同意')}
                >
                  同意
                </Button>
              </View>
            </View>
          ))
        )}
      </View>

      <View className="ent__section workers__members">
        <Text className="ent__title">本企业人员（{members.length} 人）</Text>
        {members.length === 0 ? (
          <Empty text="还没有员工加入。请在“邀请员工”里生成邀请码。" />
        ) : (
          members.map((m) => (
            <View key={m.id} className="ent__item workers__member">
              <View className="ent__row ent__row--between">
                <Text className="ent__line">{m.name}</Text>
                <Badge tone={m.role === 'safetyManager' ? 'info' : 'neutral'}>
                  {m.role === 'safetyManager' ? '安全管理人员' : '员工'}
                </Badge>
              </View>
              <Text className="ent__meta">加入时间 {formatDate(m.since)}</Text>
              {m.role === 'worker' && (
                <View className="ent__actions">
                  <Button
                    kind="danger"
                    inline
                    className="workers__remove"
                    disabled={!!busy}
                    ariaLabel={`移出 ${m.name}`}
                    onClick={() => {
                      setReason('');
                      setReasonError(undefined);
                      setDialog({ kind: 'remove', member: m });
                    }}
                  >
                    移出…
                  </Button>
                </View>
              )}
            </View>
          ))
        )}
      </View>

      <Dialog
        open={dialog?.kind === 'refuse'}
        title={dialog?.kind === 'refuse' ? `拒绝 ${dialog.join.name} 加入？` : ''}
        consequence="拒绝后对方不能以本企业员工身份报告隐患，如需加入要重新申请。"
        confirmText="确认拒绝"
        danger
        busy={!!busy}
        onConfirm={confirmDialog}
        onCancel={() => setDialog(undefined)}
      />
      <Dialog
        open={dialog?.kind === 'remove'}
        title={dialog?.kind === 'remove' ? `把 ${dialog.member.name} 移出本企业？` : ''}
        consequence="移出后对方不再是本企业员工，不能再向本企业报告隐患；他此前的报告保留。"
        confirmText="确认移出"
        danger
        busy={!!busy}
        onConfirm={confirmDialog}
        onCancel={() => setDialog(undefined)}
      >
        <Field label="移出原因" required id="remove-reason" error={reasonError} className="ent__dialog-input">
          {(control) => (
            <Input
              className="form-input workers__reason"
              value={reason}
              maxlength={100}
              placeholder="如：已离职"
              onInput={(e) => setReason(e.detail.value)}
              {...control}
            />
          )}
        </Field>
      </Dialog>
    </View>
  );
}
