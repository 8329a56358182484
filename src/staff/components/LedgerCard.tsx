import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { LEDGER_SOURCE_LABELS, type LedgerEntry } from '../../../types';
import { Chip, FieldError, disabledIf } from '../../components/Form';
import { api } from '../../services/api';
import { asCloudError } from '../../services/errors';
import { formatDate, formatTime } from '../../services/format';
import { LEDGER_STATUS_LABELS } from '../ledger';

interface Props {
  entry: LedgerEntry;
  /** Heads and 安委办 may close entries; others only add progress (the server checks either way). */
  mayClose: boolean;
  onUpdated: (entry: LedgerEntry) => void;
}

/** One ledger entry; opened, it shows all progress and takes a new note or the sign-off. */
export function LedgerCard({ entry, mayClose, onUpdated }: Props) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [close, setClose] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const last = entry.progress[entry.progress.length - 1];
  const closable = mayClose && !entry.tipoffId;

  const save = async () => {
    if (saving) return;
    if (note.trim().length < 2) {
      setError('请填写进展说明（至少 2 个字）');
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      onUpdated(await api.admin.ledgerProgress(entry.id, note.trim(), close && closable));
      setNote('');
      setClose(false);
    } catch (e) {
      setError(asCloudError(e, '保存失败，请重试').message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className={`ledger__item ledger__item--${entry.status}`}>
      <View onClick={() => setOpen(!open)}>
        <View className="ledger__row">
          <Text className="ledger__source">{LEDGER_SOURCE_LABELS[entry.source]}</Text>
          <Text className={`ledger__status ledger__status--${entry.status}`}>{LEDGER_STATUS_LABELS[entry.status]}</Text>
        </View>
        <Text className="ledger__title">{entry.title}</Text>
        <Text className="ledger__meta">
          {entry.no} · {entry.categoryName} · {entry.departmentName}
        </Text>
        {entry.enterpriseName && <Text className="ledger__meta">单位：{entry.enterpriseName}</Text>}
        <Text className="ledger__meta">地址：{entry.address}</Text>
        <Text className="ledger__meta">
          整改期限：{entry.deadline ? formatDate(entry.deadline) : '未定'}
          {entry.tipoffNo ? ` · 来自举报 ${entry.tipoffNo}` : ''}
        </Text>
        {last && (
          <Text className="ledger__last">
            最新进展（{formatTime(last.at)}）：{last.note}
          </Text>
        )}
      </View>
      {open && (
        <View className="ledger__more">
          <Text className="ledger__desc">{entry.description}</Text>
          {entry.progress.map((p, i) => (
            <Text key={`${p.at}-${i}`} className="ledger__progress">
              {formatTime(p.at)} {p.note}
            </Text>
          ))}
          {entry.status !== 'closed' && (
            <View className="ledger__form">
              <Textarea
                className="form-textarea ledger__note"
                value={note}
                maxlength={500}
                placeholder="整改进展或复核意见"
                onInput={(e) => setNote(e.detail.value)}
              />
              {closable && (
                <View className="chips">
                  <Chip
                    className="ledger__close"
                    active={close}
                    label={close ? '✓ 复核通过，销号' : '复核通过，销号'}
                    onClick={() => setClose(!close)}
                  />
                </View>
              )}
              {entry.tipoffId && <Text className="form-hint">由群众举报转入，须在举报中复核销号。</Text>}
              <FieldError message={error} />
              <Button className="ledger__save" size="mini" disabled={disabledIf(saving)} onClick={save}>
                {close ? '销号' : '添加进展'}
              </Button>
            </View>
          )}
        </View>
      )}
    </View>
  );
}
