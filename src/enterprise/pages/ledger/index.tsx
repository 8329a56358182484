import { Image, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  LEDGER_SOURCE_LABELS,
  LEDGER_STATUS_LABELS,
  uploadScope,
  type LedgerEntry,
  type LedgerStatus,
} from '../../../../types';
import { ListFooter } from '../../../components/ListFooter';
import { PageState } from '../../../components/PageState';
import { PhotoUploader } from '../../../components/PhotoUploader';
import { Badge, Button, Chip, ChipGroup, Dialog, Field, a11y, pressable, type BadgeTone } from '../../../components/ui';
import { usePaged } from '../../../hooks/usePaged';
import { evidenceProblem, usePhotoUploads } from '../../../hooks/usePhotoUploads';
import { api } from '../../../services/api';
import { asCloudError, issueMap } from '../../../services/errors';
import { formatDate, formatTime, townToday } from '../../../services/format';
import { previewImages } from '../../../services/media';
import { EnterpriseGate } from '../../components/Gate';
import '../../inspect.css';

const FILTERS: (LedgerStatus | undefined)[] = [undefined, 'open', 'rectifying', 'rectified', 'closed'];
const FILTER_LABELS: Record<LedgerStatus, string> = {
  open: '待整改',
  rectifying: '整改中',
  rectified: '待部门审核',
  closed: '已销号',
};
const STATUS_TONE: Record<LedgerStatus, BadgeTone> = {
  open: 'danger',
  rectifying: 'warning',
  rectified: 'info',
  closed: 'success',
};

function Photos({ urls, label }: { urls?: string[]; label: string }) {
  if (!urls?.length) return null;
  return (
    <View className="ent__photos">
      {urls.map((u, i) => (
        <Image
          key={`${u}-${i}`}
          className="ent__photo"
          src={u}
          mode="aspectFill"
          {...a11y({ label: `${label} ${i + 1}` })}
          // h5: the <img> inside Taro's image gets its text alternative.
          nativeProps={{ alt: `${label} ${i + 1}` }}
          onClick={() => previewImages(urls, u)}
        />
      ))}
    </View>
  );
}

/** 整改期限, and how far past it an open entry is. */
function deadlineText(e: LedgerEntry): string {
  if (!e.deadline) return '整改期限：未定';
  const day = e.deadline.slice(0, 10);
  const late = e.status !== 'closed' && e.status !== 'rectified' && day < townToday();
  return `整改期限：${formatDate(e.deadline)}${late ? '（已超期）' : ''}`;
}

/**
 * One entry about the enterprise: what and where, the deadline, every step; then the enterprise's side — a progress
 * note, or 整改完成，申请销号 with photos of the fixed hazard (the department then reviews the 销号).
 */
export function EnterpriseLedgerCard({
  entry,
  onUpdated,
}: {
  entry: LedgerEntry;
  onUpdated: (entry: LedgerEntry) => void;
}) {
  const [open, setOpen] = useState(entry.status !== 'closed');
  const [done, setDone] = useState(false);
  const [note, setNote] = useState('');
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const photos = usePhotoUploads(uploadScope.ledger(entry.id));
  const last = entry.progress[entry.progress.length - 1];
  const mayFinish = (entry.status === 'open' || entry.status === 'rectifying') && !entry.tipoffId;
  const finishing = done && mayFinish;

  const photoCount = photos.fileIDs.length;
  useEffect(() => {
    if (photoCount > 0) setIssues(({ evidence: _fixed, ...rest }) => rest);
  }, [photoCount]);

  const check = () => {
    const found: Record<string, string> = {};
    if (note.trim().length < 2)
      found.note = finishing ? '请写明做了哪些整改（至少 2 个字）' : '请填写整改进展（至少 2 个字）';
    if (finishing) {
      const problem = evidenceProblem(photos, '申请销号须上传整改后照片');
      if (problem) found.evidence = problem;
    }
    return found;
  };

  const send = async () => {
    if (saving) return;
    setSaving(true);
    setError(undefined);
    try {
      const updated = await api.enterprise.ledgerProgress({
        id: entry.id,
        note: note.trim(),
        ...(finishing ? { done: true, evidence: photos.fileIDs } : {}),
      });
      setConfirming(false);
      setNote('');
      setDone(false);
      photos.reset();
      onUpdated(updated);
      Taro.showToast({ title: finishing ? '已申请销号' : '已添加进展', icon: 'success' });
    } catch (e) {
      const err = asCloudError(e, '提交失败，请重试');
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
    if (finishing) setConfirming(true);
    else void send();
  };

  return (
    <View className={`ledger-ent ent__section ledger-ent--${entry.status}`}>
      <View
        className="inspect__card"
        // Named by what it shows (status, title, number…): a shorter label would hide the visible text.
        {...a11y({ role: 'button' })}
        {...pressable(() => setOpen(!open))}
      >
        <View className="ent__badges">
          <Badge tone={STATUS_TONE[entry.status]} className="ledger-ent__status">
            {LEDGER_STATUS_LABELS[entry.status]}
          </Badge>
          <Badge tone="neutral">{LEDGER_SOURCE_LABELS[entry.source]}</Badge>
          <Badge tone="danger">重大隐患</Badge>
        </View>
        <Text className="ent__title inspect__ledger-title">{entry.title}</Text>
        <Text className="ent__meta">
          台账编号 {entry.no} · 主管部门 {entry.departmentName}
        </Text>
        <Text className="ent__line">{deadlineText(entry)}</Text>
        {last && (
          <Text className="inspect__note">
            最新进展（{formatTime(last.at)}）：{last.note}
          </Text>
        )}
      </View>
      {open && (
        <View className="ledger-ent__more">
          <Text className="ent__line ledger-ent__description">{entry.description}</Text>
          <Text className="ent__meta">地址：{entry.address}</Text>
          {entry.progress.length > 0 && <Text className="ent__subtitle">整改记录</Text>}
          {entry.progress.map((p, i) => (
            <View key={`${p.at}-${i}`} className="inspect__progress-item">
              <Text className="ent__hint">
                {formatTime(p.at)} {p.note}
              </Text>
              <Photos urls={p.evidenceUrls} label="整改照片" />
            </View>
          ))}
          {entry.status === 'rectified' && (
            <View className="ent__next">
              <Text className="ent__next-text">
                已申请销号，等待{entry.departmentName}审核。审核通过即销号；如被退回，请按意见继续整改。
              </Text>
            </View>
          )}
          {entry.status === 'closed' && (
            <View className="ent__next">
              <Text className="ent__next-text">已于 {formatDate(entry.closedAt)} 销号。</Text>
            </View>
          )}
          {(entry.status === 'open' || entry.status === 'rectifying') && (
            <View className="inspect__form">
              {mayFinish && (
                <ChipGroup label="要提交的内容" className="inspect__mode">
                  <Chip
                    active={!done}
                    label="添加整改进展"
                    onClick={() => {
                      setDone(false);
                      setIssues({});
                    }}
                  />
                  <Chip
                    active={done}
                    label="整改完成，申请销号"
                    onClick={() => {
                      setDone(true);
                      setIssues({});
                    }}
                  />
                </ChipGroup>
              )}
              {entry.tipoffId && (
                <Text className="ent__hint">这条隐患由群众举报转入，整改完成后由部门在举报中复核销号。</Text>
              )}
              <Field
                label={finishing ? '做了哪些整改' : '整改进展'}
                required
                error={issues.note}
                hint={finishing ? '写明整改措施，如：已清空后门纸箱，疏散通道恢复畅通' : undefined}
              >
                {(control) => (
                  <Textarea
                    className="form-textarea inspect__textarea ledger-ent__note"
                    value={note}
                    maxlength={500}
                    placeholder={finishing ? '整改措施和现在的情况' : '如：已联系施工队，预计本周五完成'}
                    onInput={(e) => {
                      setNote(e.detail.value);
                      if (issues.note) setIssues(({ note: _fixed, ...rest }) => rest);
                    }}
                    {...control}
                  />
                )}
              </Field>
              {finishing && (
                <Field label="整改后照片（至少 1 张）" required error={issues.evidence}>
                  <PhotoUploader photos={photos} className="ledger-ent__photos" />
                </Field>
              )}
              {error && <Text className="field-error ledger-ent__error">{error}</Text>}
              <Button kind="primary" className="ledger-ent__save" loading={saving && !confirming} onClick={save}>
                {finishing ? '申请销号' : '添加进展'}
              </Button>
            </View>
          )}
        </View>
      )}
      <Dialog
        open={confirming}
        title={`申请销号 ${entry.no}？`}
        consequence={`提交后由${entry.departmentName}审核：通过即销号，不通过会退回继续整改。审核期间不能再申请。`}
        confirmText="确认申请"
        busy={saving}
        className="ledger-ent__confirm"
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}

function LedgerBody() {
  const [status, setStatus] = useState<LedgerStatus>();
  const ledger = usePaged<LedgerEntry>(
    (page) => api.enterprise.ledger({ page, pageSize: 20, ...(status ? { status } : {}) }),
    [status],
  );
  const replace = (entry: LedgerEntry) => ledger.setItems((items) => items.map((e) => (e.id === entry.id ? entry : e)));
  return (
    <View className="ledger-ent-page">
      <View className="ent__section">
        <Text className="ent__title">本企业隐患台账</Text>
        <Text className="ent__line">
          自查、检查或举报发现的重大事故隐患。请按期整改，每做一步添加进展；整改完成后上传照片申请销号，由主管部门审核。
        </Text>
      </View>
      <ChipGroup label="按状态筛选" className="inspect__filters">
        {FILTERS.map((s) => (
          <Chip
            key={s ?? 'all'}
            active={status === s}
            label={s ? FILTER_LABELS[s] : '全部'}
            onClick={() => setStatus(s)}
          />
        ))}
      </ChipGroup>
      {ledger.items.length > 0 ? (
        <View>
          {ledger.items.map((e) => (
            <EnterpriseLedgerCard key={e.id} entry={e} onUpdated={replace} />
          ))}
          <ListFooter list={ledger} />
        </View>
      ) : (
        <PageState
          loading={ledger.loading}
          error={ledger.error}
          empty={ledger.loaded}
          emptyText={status ? `没有${FILTER_LABELS[status]}的隐患` : '台账中没有本企业的重大事故隐患'}
          onRetry={ledger.reload}
        />
      )}
    </View>
  );
}

export default function EnterpriseLedgerPage() {
  return (
    <EnterpriseGate roles={['safetyManager']} className="ledger-ent-page">
      {() => <LedgerBody />}
    </EnterpriseGate>
  );
}
