import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { QueueDetail } from '../../../types';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { a11y } from '../../components/ui/a11y';
import { api } from '../../services/api';
import { asCloudError, issueMap } from '../../services/errors';
import { fenToYuanText, formatTime, formatYuan, yuanTextToFen } from '../../services/format';
import '../../components/Form.css';
import './FineSection.css';

/** The reward's state in the department's words (never who reported, never the amount decided). */
export function rewardWords(d: Pick<QueueDetail, 'major' | 'verification' | 'reward'>): string | null {
  const r = d.reward;
  if (!r) return null;
  const kind = d.verification?.major || d.major ? '重大隐患奖励' : '举报奖励';
  switch (r.status) {
    case 'awaitingFine':
      return `${kind}待录入罚款后核定`;
    case 'open':
      return `${kind}待镇安委办核定`;
    case 'decided':
      return `${kind}已核定，待领导审批；罚款金额不能再修改`;
    case 'approved':
      return `${kind}已审批，待发放；罚款金额不能再修改`;
    case 'paid':
      return `${kind}已发放`;
    case 'refused':
      return d.verification?.alreadyKnown ? '本部门此前已发现该隐患，不予奖励' : '不予奖励';
    default:
      return r.statusLabel;
  }
}

/**
 * 罚款 on a founded case: the amount (or 未录入), the reward's state in plain words and, for those who may,
 * a form to record or correct the fine in 元 (sent as integer fen) after a confirmation.
 */
export function FineSection({ d, onChanged }: { d: QueueDetail; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [confirmFen, setConfirmFen] = useState<number>();
  const [busy, setBusy] = useState(false);
  if (!d.verification?.founded) return null;
  const words = rewardWords(d);
  const awaiting = d.reward?.status === 'awaitingFine';

  const open = () => {
    setText(d.fine ? fenToYuanText(d.fine.amountFen) : '');
    setError(undefined);
    setEditing(true);
  };
  const check = () => {
    const fen = yuanTextToFen(text);
    if (fen === null) {
      setError(text.trim() ? '请填写正确的金额，单位为元，最多两位小数（例如 30000 或 12.50）' : '请填写罚款金额');
      return;
    }
    setError(undefined);
    setConfirmFen(fen);
  };
  const save = async () => {
    if (confirmFen === undefined) return;
    setBusy(true);
    try {
      await api.queue.fine({ id: d.id, amountFen: confirmFen });
      setConfirmFen(undefined);
      setEditing(false);
      onChanged();
    } catch (e) {
      const err = asCloudError(e, '保存失败，请重试');
      setConfirmFen(undefined);
      setError(issueMap(err.issues).amountFen ?? err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="detail__section fine">
      <Text className="detail__section-title">罚款</Text>
      <Text className="detail__line fine__amount">罚款金额：{d.fine ? formatYuan(d.fine.amountFen) : '未录入'}</Text>
      {d.fine && (
        <Text className="detail__line fine__meta">
          {d.fine.by} 于 {formatTime(d.fine.at)} 录入
        </Text>
      )}
      {words && (
        <Text
          className={`detail__line fine__reward ${awaiting ? 'fine__reward--waiting' : ''}`}
          {...a11y({ role: 'status' })}
        >
          {words}
        </Text>
      )}
      {d.mayRecordFine && !editing && (
        <Button kind={awaiting ? 'primary' : 'default'} className="fine__edit" onClick={open}>
          {d.fine ? '更正罚款金额' : '录入罚款金额'}
        </Button>
      )}
      {d.mayRecordFine && editing && (
        <View className="fine__form">
          <Field
            label="罚款金额（元）"
            required
            error={error}
            hint="填写处罚决定书上的金额，最多两位小数。重大隐患的举报奖励按罚款金额计算。"
          >
            {(control) => (
              <Input
                className="form-input fine__input"
                type="digit"
                value={text}
                maxlength={16}
                placeholder="例如 30000"
                onInput={(e) => {
                  setText(e.detail.value);
                  setError(undefined);
                }}
                {...control}
              />
            )}
          </Field>
          <View className="fine__buttons">
            <Button className="fine__cancel" disabled={busy} onClick={() => setEditing(false)}>
              取消
            </Button>
            <Button kind="primary" className="fine__save" onClick={check}>
              保存金额…
            </Button>
          </View>
        </View>
      )}
      <Dialog
        open={confirmFen !== undefined}
        title={`确认罚款金额 ${confirmFen === undefined ? '' : formatYuan(confirmFen)}？`}
        consequence={
          d.major || d.verification.major
            ? '保存后将按此金额计算重大隐患举报奖励；奖励核定后不能再修改罚款金额。'
            : '保存后记入本案；奖励核定后不能再修改罚款金额。'
        }
        confirmText="确认保存"
        busy={busy}
        onConfirm={() => void save()}
        onCancel={() => setConfirmFen(undefined)}
      />
    </View>
  );
}
