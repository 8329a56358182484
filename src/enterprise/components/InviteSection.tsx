import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { INVITE_STATE_LABELS, type InviteResult, type InviteSummary } from '../../../types';
import { FieldError } from '../../components/Form';
import { PageState } from '../../components/PageState';
import { QrCode } from '../../components/QrCode';
import { Badge, Button, Chip, ChipGroup, Dialog, Empty, Field } from '../../components/ui';
import { useRemote } from '../../hooks/useRemote';
import { api } from '../../services/api';
import { asCloudError } from '../../services/errors';
import { formatDate } from '../../services/format';

/** The two kinds of worker code a manager gives out. */
export const INVITE_KINDS = {
  single: { label: '发给一个人', uses: 1, expiresInDays: 7, hint: '只能用 1 次，7 天内有效。适合发给新员工本人。' },
  board: {
    label: '公告栏二维码',
    uses: 200,
    expiresInDays: 30,
    hint: '最多 200 人使用，30 天内有效。贴在车间公告栏，员工扫码或输入后，需要您在“人员”里同意。',
  },
} as const;
type Kind = keyof typeof INVITE_KINDS;

const STATE_TONE: Record<InviteSummary['state'], 'success' | 'neutral' | 'warning'> = {
  active: 'success',
  expired: 'neutral',
  usedUp: 'neutral',
  revoked: 'warning',
};

/** 邀请员工: a worker code for one person or for a notice board (shown large and as a QR code), and the list. */
export function InviteSection({ enterpriseId }: { enterpriseId: string }) {
  const [kind, setKind] = useState<Kind>('single');
  const [note, setNote] = useState('');
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<InviteResult & { kind: Kind }>();
  const [error, setError] = useState<string>();
  const [revoking, setRevoking] = useState<InviteSummary>();
  const [busy, setBusy] = useState(false);
  const list = useRemote(() => api.people.invites({}), []);

  const issue = async () => {
    setIssuing(true);
    setError(undefined);
    try {
      const { uses, expiresInDays } = INVITE_KINDS[kind];
      const res = await api.people.invite({
        role: 'worker',
        enterpriseId,
        uses,
        expiresInDays,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setIssued({ ...res, kind });
      setNote('');
      list.reload();
    } catch (e) {
      setError(asCloudError(e, '生成失败，请重试').message);
    } finally {
      setIssuing(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await api.people.revokeInvite(revoking.id);
      setRevoking(undefined);
      Taro.showToast({ title: '已作废', icon: 'none' });
      list.reload();
    } catch (e) {
      setError(asCloudError(e).message);
      setRevoking(undefined);
    } finally {
      setBusy(false);
    }
  };

  const invites = (list.data?.items ?? []).filter((i) => i.role === 'worker');

  return (
    <View className="invite">
      <View className="ent__section invite__new">
        <Text className="ent__title">邀请员工</Text>
        <ChipGroup label="邀请方式">
          {(Object.keys(INVITE_KINDS) as Kind[]).map((k) => (
            <Chip key={k} active={kind === k} label={INVITE_KINDS[k].label} onClick={() => setKind(k)} />
          ))}
        </ChipGroup>
        <Text className="ent__hint">{INVITE_KINDS[kind].hint}</Text>
        <Field label="备注（选填）" id="invite-note" hint="只有您自己看得到，如“张三”“三车间公告栏”">
          {(control) => (
            <Input
              className="form-input invite__note"
              value={note}
              maxlength={40}
              placeholder="备注"
              onInput={(e) => setNote(e.detail.value)}
              {...control}
            />
          )}
        </Field>
        <FieldError message={error} />
        <View className="ent__actions">
          <Button
            kind="primary"
            className="invite__issue"
            loading={issuing}
            loadingText="生成中…"
            onClick={() => void issue()}
          >
            生成邀请码
          </Button>
        </View>
      </View>

      {issued && (
        <View className="ent__section invite__issued" aria-live="polite">
          <Text className="ent__subtitle">{INVITE_KINDS[issued.kind].label}</Text>
          <Text className="ent__code invite__code">{issued.code}</Text>
          <View className="ent__qr">
            <QrCode text={issued.code} size={240} label={`邀请码 ${issued.code} 的二维码`} />
          </View>
          <Text className="ent__hint">
            员工在小程序“我的”页面点“扫码填写”扫这个二维码，或输入这个邀请码，即可加入。{formatDate(issued.expiresAt)}{' '}
            前有效。
          </Text>
          <Text className="ent__hint">邀请码只显示这一次，请现在截图或抄下；丢了可以作废后重新生成。</Text>
        </View>
      )}

      <View className="ent__section invite__list">
        <Text className="ent__title">已发的邀请码</Text>
        {!list.data ? (
          <PageState loading={list.loading} error={list.error} onRetry={list.reload} />
        ) : invites.length === 0 ? (
          <Empty text="还没有发过邀请码" />
        ) : (
          invites.map((i) => (
            <View key={i.id} className="ent__item invite__item">
              <View className="ent__row ent__row--between">
                <Text className="ent__line">
                  {i.note || (i.uses > 1 ? '公告栏邀请码' : '个人邀请码')} · 尾号 {i.codeHint}
                </Text>
                <Badge tone={STATE_TONE[i.state]}>{INVITE_STATE_LABELS[i.state]}</Badge>
              </View>
              <Text className="ent__meta">
                已用 {i.used}/{i.uses} 次 · {formatDate(i.expiresAt)} 到期
              </Text>
              {i.state === 'active' && (
                <View className="ent__actions">
                  <Button
                    kind="danger"
                    inline
                    className="invite__revoke"
                    ariaLabel={`作废尾号 ${i.codeHint} 的邀请码`}
                    onClick={() => setRevoking(i)}
                  >
                    作废…
                  </Button>
                </View>
              )}
            </View>
          ))
        )}
      </View>

      <Dialog
        open={!!revoking}
        title="作废这个邀请码？"
        consequence="作废后这个邀请码不能再使用，已经加入的员工不受影响。无法撤销。"
        confirmText="确认作废"
        danger
        busy={busy}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(undefined)}
      />
    </View>
  );
}
