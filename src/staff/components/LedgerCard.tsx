import { Image, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { LEDGER_CLOSE_NOTE_MIN, LEDGER_SOURCE_LABELS, uploadScope, type LedgerEntry } from '../../../types';
import { PhotoUploader } from '../../components/PhotoUploader';
import { Button, Chip, ChipGroup, Dialog, Field, a11y } from '../../components/ui';
import { evidenceProblem, usePhotoUploads } from '../../hooks/usePhotoUploads';
import { api } from '../../services/api';
import { asCloudError, issueMap } from '../../services/errors';
import { formatDate, formatTime } from '../../services/format';
import { previewImages } from '../../services/media';
import { LEDGER_STATUS_LABELS } from '../ledger';

interface Props {
  entry: LedgerEntry;
  /** Heads and 安委办 may close entries; others only add progress (the server checks either way). */
  mayClose: boolean;
  onUpdated: (entry: LedgerEntry) => void;
}

/** Photos given with a progress step (always with a 销号), tappable to enlarge. */
function EvidencePhotos({ urls }: { urls?: string[] }) {
  if (!urls?.length) return null;
  return (
    <View className="ledger__evidence">
      {urls.map((u, i) => (
        <Image
          key={`${u}-${i}`}
          className="ledger__evidence-photo"
          src={u}
          mode="aspectFill"
          {...a11y({ label: `整改照片 ${i + 1}` })}
          // h5: the <img> inside Taro's image gets its text alternative.
          nativeProps={{ alt: `整改照片 ${i + 1}` }}
          onClick={() => previewImages(urls, u)}
        />
      ))}
    </View>
  );
}

/**
 * One ledger entry; opened, it shows all progress (with its photos) and takes a new note or the 销号.
 * A 销号 needs photos of the fixed hazard and a note saying what was done and how it was checked
 * (≥ LEDGER_CLOSE_NOTE_MIN characters), and is confirmed first: it cannot be undone.
 */
export function LedgerCard({ entry, mayClose, onUpdated }: Props) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [close, setClose] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const [issues, setIssues] = useState<Record<string, string>>({});
  // The entry's own evidence folder: linked to none of this person's other uploads.
  const photos = usePhotoUploads(uploadScope.ledger(entry.id));
  const last = entry.progress[entry.progress.length - 1];
  const closable = mayClose && !entry.tipoffId;
  const closing = close && closable;
  // The enterprise asked for the 销号: the department reviews it — 复核销号, or a note sends it back (退回整改).
  const review = entry.status === 'rectified';
  const sendingBack = review && !closing;

  // A photo added answers the photo message.
  const photoCount = photos.fileIDs.length;
  useEffect(() => {
    if (photoCount > 0) setIssues(({ evidence: _fixed, ...rest }) => rest);
  }, [photoCount]);

  /** The phone's own check, the same rules as the server's (LedgerProgressInput). */
  const check = (): Record<string, string> => {
    const found: Record<string, string> = {};
    const text = note.trim();
    if (closing) {
      const evidence = evidenceProblem(photos, '销号须上传整改后照片');
      if (evidence) found.evidence = evidence;
      if (text.length < LEDGER_CLOSE_NOTE_MIN)
        found.note = `销号须写明整改措施和复查结果（至少 ${LEDGER_CLOSE_NOTE_MIN} 个字）`;
    } else if (text.length < 2) {
      found.note = sendingBack ? '请写明退回的原因和还要整改的内容（至少 2 个字）' : '请填写进展说明（至少 2 个字）';
    }
    return found;
  };

  const send = async () => {
    if (saving) return;
    setSaving(true);
    setError(undefined);
    try {
      const updated = await api.admin.ledgerProgress({
        id: entry.id,
        note: note.trim(),
        ...(closing ? { close: true, evidence: photos.fileIDs } : {}),
      });
      setConfirming(false);
      onUpdated(updated);
      setNote('');
      setClose(false);
      photos.reset();
    } catch (e) {
      const err = asCloudError(e, '保存失败，请重试');
      setConfirming(false);
      setIssues(issueMap(err.issues));
      setError(err.message);
    } finally {
      setSaving(false);
    }
  };

  const save = () => {
    if (saving) return;
    const found = check();
    setIssues(found);
    if (Object.keys(found).length > 0) {
      setError(undefined);
      return;
    }
    if (closing) setConfirming(true);
    else void send();
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
        {entry.inspectionId && <Text className="ledger__meta ledger__from-inspection">来自企业重大隐患自查</Text>}
        {review && (
          <Text className="ledger__review">
            企业已整改完成并申请销号，请复核照片和现场：合格则复核销号，不合格则退回整改。
          </Text>
        )}
        {last && (
          <Text className="ledger__last">
            最新进展（{formatTime(last.at)}）：{last.note}
          </Text>
        )}
      </View>
      {!open && <EvidencePhotos urls={last?.evidenceUrls} />}
      {open && (
        <View className="ledger__more">
          <Text className="ledger__desc">{entry.description}</Text>
          {entry.progress.map((p, i) => (
            <View key={`${p.at}-${i}`} className="ledger__progress-item">
              <Text className="ledger__progress">
                {formatTime(p.at)} {p.note}
              </Text>
              <EvidencePhotos urls={p.evidenceUrls} />
            </View>
          ))}
          {entry.status !== 'closed' && (
            <View className="ledger__form">
              {closable && (
                <ChipGroup multi label="销号">
                  <Chip
                    multi
                    className="ledger__close"
                    active={close}
                    label={close ? '✓ 复核通过，销号' : review ? '复核通过，销号（企业已申请）' : '复核通过，销号'}
                    onClick={() => {
                      setClose(!close);
                      setIssues({});
                    }}
                  />
                </ChipGroup>
              )}
              {closing && (
                <Field label="整改后照片（至少 1 张）" required error={issues.evidence}>
                  <PhotoUploader photos={photos} className="ledger__evidence-upload" />
                </Field>
              )}
              <Field
                label={closing ? '整改措施和复查结果' : sendingBack ? '退回整改的原因' : '进展说明'}
                required
                error={issues.note}
                hint={
                  closing
                    ? `至少 ${LEDGER_CLOSE_NOTE_MIN} 个字，写明做了什么、如何复查`
                    : sendingBack
                      ? '写明哪里还不合格、要怎么改；企业会收到通知，台账回到整改中'
                      : undefined
                }
              >
                {(control) => (
                  <Textarea
                    className="form-textarea ledger__note"
                    value={note}
                    maxlength={500}
                    placeholder={
                      closing
                        ? '如：已拆除违章搭建并恢复消防通道，现场复查通道畅通'
                        : sendingBack
                          ? '如：照片看不到后门通道全貌，请补拍并清走剩余货物'
                          : '整改进展或复核意见'
                    }
                    onInput={(e) => {
                      setNote(e.detail.value);
                      if (issues.note) setIssues(({ note: _fixed, ...rest }) => rest);
                    }}
                    {...control}
                  />
                )}
              </Field>
              {entry.tipoffId && <Text className="form-hint">由群众举报转入，须在举报中复核销号。</Text>}
              {error && <Text className="field-error ledger__error">{error}</Text>}
              <Button
                kind={closing ? 'danger' : 'primary'}
                className="ledger__save"
                loading={saving && !confirming}
                onClick={save}
              >
                {closing ? '销号' : sendingBack ? '退回整改' : '添加进展'}
              </Button>
            </View>
          )}
        </View>
      )}
      <Dialog
        open={confirming}
        title={`确认销号 ${entry.no}？`}
        consequence="销号后该隐患移出在办台账，无法撤销。"
        confirmText="确认销号"
        danger
        busy={saving}
        className="ledger__confirm"
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
