import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import { uploadScope } from '../../../../types';
import {
  INSPECTION_RESULT_LABELS,
  type ChecklistItem,
  type ChecklistView,
  type InspectionResult,
  type SelfInspectInput,
} from '../../../../types/inspection';
import { TextField } from '../../../components/Form';
import { PageState } from '../../../components/PageState';
import { PhotoUploader } from '../../../components/PhotoUploader';
import { Badge, Button, Chip, ChipGroup, Dialog, Field, a11y } from '../../../components/ui';
import { usePhotoUploads } from '../../../hooks/usePhotoUploads';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import { newRequestId } from '../../../services/draft';
import { goTo } from '../../../services/navigate';
import { EnterpriseGate } from '../../components/Gate';
import '../../inspect.css';

/** One line's answer as the form keeps it (and its draft). */
export interface Answer {
  result?: InspectionResult;
  note: string;
  photos: string[];
  previews: Record<string, string>;
  /** Photos still uploading or failed: the line cannot be sent yet. */
  photoProblem?: string;
}

export interface InspectDraft {
  requestId: string;
  leaderName: string;
  answers: Record<string, Answer>;
}

const draftKey = (enterpriseId: string) => `mx.draft.inspect.${enterpriseId}`;

function loadInspectDraft(enterpriseId: string): InspectDraft {
  try {
    const saved = Taro.getStorageSync(draftKey(enterpriseId)) as Partial<InspectDraft> | '';
    if (saved && typeof saved === 'object' && saved.requestId)
      return { requestId: saved.requestId, leaderName: saved.leaderName ?? '', answers: saved.answers ?? {} };
  } catch {
    // unreadable storage: a fresh form
  }
  return { requestId: newRequestId(), leaderName: '', answers: {} };
}

function saveInspectDraft(enterpriseId: string, draft: InspectDraft) {
  try {
    const answers = Object.fromEntries(
      Object.entries(draft.answers).map(([id, { photoProblem: _p, ...a }]) => [id, a]),
    ) as Record<string, Answer>;
    Taro.setStorageSync(draftKey(enterpriseId), { ...draft, answers });
  } catch {
    // storage full: the form still works, only the draft is not kept
  }
}

function clearInspectDraft(enterpriseId: string) {
  try {
    Taro.removeStorageSync(draftKey(enterpriseId));
  } catch {
    // nothing to clear
  }
}

type ItemIssues = { result?: string; note?: string; photos?: string };

/** What the form still lacks, the same rules as the server's (SelfInspectInput), keyed by line id. */
export function checkAnswers(
  items: ChecklistItem[],
  answers: Record<string, Answer>,
  leaderName: string,
): { items: Record<string, ItemIssues>; leader?: string } {
  const found: Record<string, ItemIssues> = {};
  for (const item of items) {
    const a = answers[item.id];
    if (!a?.result) {
      found[item.id] = { result: '请选择检查结果' };
      continue;
    }
    if (a.result !== 'fail') continue;
    const issues: ItemIssues = {};
    if (!a.note.trim()) issues.note = '请写明不符合的情况';
    if (a.photoProblem) issues.photos = a.photoProblem;
    else if (a.photos.length === 0) issues.photos = '不符合的项目请拍照';
    if (issues.note || issues.photos) found[item.id] = issues;
  }
  const name = leaderName.trim();
  const leader = !name ? '请填写主要负责人姓名' : name.length > 20 ? '姓名不超过 20 字' : undefined;
  return { items: found, leader };
}

/** "2 项不符合，其中 1 项为重大事故隐患，将进入镇隐患台账" — what submitting will do, in plain words. */
export function summaryText(items: ChecklistItem[], answers: Record<string, Answer>): string {
  const fails = items.filter((i) => answers[i.id]?.result === 'fail');
  const majors = fails.filter((i) => i.major).length;
  if (fails.length === 0) return `全部 ${items.length} 项符合或不涉及，未发现重大事故隐患。`;
  if (majors === 0) return `${fails.length} 项不符合，均不是重大事故隐患，请企业自行整改。`;
  return `${fails.length} 项不符合，其中 ${majors} 项为重大事故隐患，将进入镇隐患台账，由主管部门跟踪整改和销号。`;
}

function scrollToFirstError() {
  setTimeout(() => {
    try {
      void Promise.resolve(
        Taro.pageScrollTo?.({ selector: '.inspect .field-error', offsetTop: -120, duration: 200 }),
      ).catch(() => undefined);
    } catch {
      // scrolling is a convenience only
    }
  }, 50);
}

const RESULTS: InspectionResult[] = ['ok', 'fail', 'na'];

/** The note and photos of a 不符合 line; its photos go to the form's own folder (uploadScope.inspect). */
function FailDetails({
  item,
  requestId,
  answer,
  issues,
  onChange,
}: {
  item: ChecklistItem;
  requestId: string;
  answer: Answer;
  issues?: ItemIssues;
  onChange: (patch: Partial<Answer>) => void;
}) {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const photos = usePhotoUploads(
    uploadScope.inspect(requestId),
    answer.photos,
    (fileIDs, previews) => onChangeRef.current({ photos: fileIDs, previews }),
    9,
    answer.previews,
  );
  const problem = photos.uploading
    ? '照片还在上传，请稍候'
    : photos.failed
      ? '有照片上传失败，请重试或删除'
      : undefined;
  useEffect(() => {
    onChangeRef.current({ photoProblem: problem });
  }, [problem]);
  return (
    <View className="inspect__fail">
      <Field label="不符合的情况" required error={issues?.note}>
        {(control) => (
          <Textarea
            className="form-textarea inspect__textarea inspect__fail-note"
            value={answer.note}
            maxlength={300}
            placeholder="写明看到的问题，如：二楼东侧安全出口被货物堵塞"
            onInput={(e) => onChange({ note: e.detail.value })}
            {...control}
          />
        )}
      </Field>
      <Field label="现场照片（至少 1 张）" required error={issues?.photos}>
        <PhotoUploader photos={photos} className={`inspect__photos inspect__photos--${item.id}`} />
      </Field>
    </View>
  );
}

function ItemCard({
  item,
  index,
  requestId,
  answer,
  issues,
  onChange,
}: {
  item: ChecklistItem;
  index: number;
  requestId: string;
  answer?: Answer;
  issues?: ItemIssues;
  onChange: (patch: Partial<Answer>) => void;
}) {
  const result = answer?.result;
  const state = issues?.result ? 'missing' : (result ?? 'none');
  return (
    <View className={`inspect__item inspect__item--${state}`} id={`inspect-${item.id}`}>
      {item.major && (
        <Badge tone="danger" className="inspect__major">
          重大隐患
        </Badge>
      )}
      <Text className="inspect__text">
        {index}. {item.text}
      </Text>
      <Text className="inspect__basis">依据：{item.basis}</Text>
      <ChipGroup label={`第 ${index} 项检查结果`} className="inspect__choices">
        {RESULTS.map((r) => (
          <Chip
            key={r}
            className={`inspect__choice inspect__choice--${r}`}
            active={result === r}
            label={INSPECTION_RESULT_LABELS[r]}
            onClick={() => onChange({ result: r })}
          />
        ))}
      </ChipGroup>
      {issues?.result && <Text className="field-error inspect__result-error">{issues.result}</Text>}
      {result === 'fail' && answer && (
        <FailDetails item={item} requestId={requestId} answer={answer} issues={issues} onChange={onChange} />
      )}
    </View>
  );
}

/** After filing: what was found, and the ledger numbers of the major hazards it opened. */
function Filed({ id, failed }: { id: string; failed: number }) {
  const detail = useRemote(() => api.enterprise.inspection(id), [id]);
  const nos = detail.data?.ledgerNos ?? [];
  return (
    <View className="ent__done inspect__done">
      <Text className="ent__done-mark">✓</Text>
      <Text className="ent__done-title">自查已提交</Text>
      <Text className="inspect__summary">
        {failed === 0 ? '本次自查未发现不符合项。' : `本次自查发现 ${failed} 项不符合，请尽快整改。`}
      </Text>
      {detail.loading && <Text className="ent__hint">正在读取台账编号…</Text>}
      {nos.length > 0 && (
        <View>
          <Text className="inspect__summary">以下重大事故隐患已进入镇隐患台账：</Text>
          <View className="inspect__nos">
            {nos.map((no) => (
              <Badge key={no} tone="danger" className="inspect__no">
                {no}
              </Badge>
            ))}
          </View>
        </View>
      )}
      {nos.length > 0 && (
        <Button kind="primary" onClick={() => void goTo('/enterprise/pages/ledger/index')}>
          去隐患台账整改
        </Button>
      )}
      <Button onClick={() => void goTo(`/enterprise/pages/inspections/index?id=${id}`, { replace: true })}>
        查看本次自查记录
      </Button>
    </View>
  );
}

function InspectionForm({ enterpriseId }: { enterpriseId: string }) {
  const [attempt, setAttempt] = useState(0);
  const list = useRemote(() => api.enterprise.checklist(), [attempt]);
  const detail = useRemote(() => api.enterprise.detail(), []);
  const [draft, setDraft] = useState<InspectDraft>(() => loadInspectDraft(enterpriseId));
  const [issues, setIssues] = useState<Record<string, ItemIssues>>({});
  const [leaderError, setLeaderError] = useState<string>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [filed, setFiled] = useState<{ id: string; failed: number }>();
  // The checklist the answers were given against (a reload after CONFLICT swaps it).
  const view: ChecklistView | undefined = list.data;
  const items = useMemo(() => view?.sections.flatMap((s) => s.items) ?? [], [view]);

  // 主要负责人: the enterprise's contact, unless the draft already has a name.
  const contact = detail.data?.contact.name;
  useEffect(() => {
    if (contact) setDraft((d) => (d.leaderName ? d : { ...d, leaderName: contact }));
  }, [contact]);

  // A newer checklist keeps the answers of the lines that are still on it.
  useEffect(() => {
    if (!view) return;
    const ids = new Set(view.sections.flatMap((s) => s.items.map((i) => i.id)));
    setDraft((d) => {
      const kept = Object.fromEntries(Object.entries(d.answers).filter(([id]) => ids.has(id)));
      return Object.keys(kept).length === Object.keys(d.answers).length ? d : { ...d, answers: kept };
    });
  }, [view]);

  useEffect(() => {
    if (!filed) saveInspectDraft(enterpriseId, draft);
  }, [draft, enterpriseId, filed]);

  if (filed) return <Filed id={filed.id} failed={filed.failed} />;
  if (!view) return <PageState loading={list.loading} error={list.error} onRetry={list.reload} />;

  const answered = items.filter((i) => draft.answers[i.id]?.result).length;

  const setAnswer = (id: string, patch: Partial<Answer>) => {
    setDraft((d) => {
      const before = d.answers[id] ?? { note: '', photos: [], previews: {} };
      return { ...d, answers: { ...d.answers, [id]: { ...before, ...patch } } };
    });
    // The message a change answers goes.
    if (issues[id] && !('photoProblem' in patch && Object.keys(patch).length === 1)) {
      setIssues(({ [id]: current, ...rest }) => {
        if (!current) return rest;
        const next = { ...current };
        if ('result' in patch) delete next.result;
        if ('note' in patch) delete next.note;
        if ('photos' in patch) delete next.photos;
        return Object.keys(next).length ? { ...rest, [id]: next } : rest;
      });
    }
  };

  const review = () => {
    if (saving) return;
    setError(undefined);
    const found = checkAnswers(items, draft.answers, draft.leaderName);
    setIssues(found.items);
    setLeaderError(found.leader);
    const count = Object.keys(found.items).length + (found.leader ? 1 : 0);
    if (count > 0) {
      setError(`还有 ${count} 处需要填写，请按红字补全`);
      scrollToFirstError();
      return;
    }
    setConfirming(true);
  };

  const submit = async () => {
    if (saving) return;
    setSaving(true);
    const sent = items.map((i) => {
      const a = draft.answers[i.id] as Answer;
      return {
        id: i.id,
        result: a.result as InspectionResult,
        ...(a.result === 'fail' ? { note: a.note.trim(), photos: a.photos } : {}),
      };
    });
    const input: SelfInspectInput = {
      requestId: draft.requestId,
      version: view.version,
      leaderName: draft.leaderName.trim(),
      items: sent,
    };
    try {
      const r = await api.enterprise.selfInspect(input);
      clearInspectDraft(enterpriseId);
      setConfirming(false);
      setFiled({ id: r.id, failed: r.failed });
    } catch (e) {
      const err = asCloudError(e, '提交失败，请重试');
      setConfirming(false);
      if (err.code === 'CONFLICT' && err.message.includes('检查表')) {
        // 检查表已更新: reload it; the answers of lines still on it stay.
        setNotice('检查表已更新。已载入新的检查表，原有答案已保留，请补全新增的项目后再提交。');
        setAttempt((n) => n + 1);
      } else {
        const byItem: Record<string, ItemIssues> = {};
        let leader: string | undefined;
        for (const { path, message } of err.issues) {
          const [head, index, field] = path.split('.');
          if (head === 'leaderName') leader ??= message;
          const id = head === 'items' ? sent[Number(index)]?.id : undefined;
          if (!id) continue;
          const key: keyof ItemIssues = field === 'photos' ? 'photos' : field === 'note' ? 'note' : 'result';
          byItem[id] = { ...byItem[id], [key]: byItem[id]?.[key] ?? message };
        }
        setIssues(byItem);
        setLeaderError(leader);
        setError(err.message);
        if (Object.keys(byItem).length || leader) scrollToFirstError();
      }
    } finally {
      setSaving(false);
    }
  };

  let n = 0;
  return (
    <View className="inspect">
      <View className="ent__section">
        <Text className="ent__title">重大事故隐患自查</Text>
        <Text className="ent__line">
          行业：{view.industryName}。请由主要负责人带队，逐项对照现场检查，选“符合”“不符合”或“不涉及”。
        </Text>
        <Text className="ent__hint">
          不符合的项目要写明情况并拍照；标有“重大隐患”的项目不符合时，会进入镇隐患台账。
        </Text>
      </View>
      {notice && (
        <View className="inspect__notice" {...a11y({ role: 'alert' })}>
          <Text className="inspect__notice-text">{notice}</Text>
        </View>
      )}
      <Text className="inspect__progress" {...a11y({ role: 'status' })}>
        已填 {answered} / {items.length}
      </Text>
      {view.sections.map((section) => (
        <View key={section.id} className="inspect__section">
          <Text className="inspect__section-name">{section.name}</Text>
          {section.items.map((item) => {
            n += 1;
            return (
              <ItemCard
                key={item.id}
                item={item}
                index={n}
                requestId={draft.requestId}
                answer={draft.answers[item.id]}
                issues={issues[item.id]}
                onChange={(patch) => setAnswer(item.id, patch)}
              />
            );
          })}
        </View>
      ))}
      <View className="inspect__leader">
        <TextField
          label="主要负责人（带队检查）"
          required
          value={draft.leaderName}
          maxlength={20}
          placeholder="主要负责人姓名"
          error={leaderError}
          className="inspect__leader-name"
          onInput={(v) => {
            setDraft((d) => ({ ...d, leaderName: v }));
            setLeaderError(undefined);
          }}
        />
      </View>
      <View className="inspect__submit">
        {error && <Text className="field-error inspect__error">{error}</Text>}
        <Button kind="primary" className="inspect__send" loading={saving && !confirming} onClick={review}>
          提交自查结果
        </Button>
      </View>
      <Dialog
        open={confirming}
        title="确认提交自查结果？"
        consequence={summaryText(items, draft.answers)}
        confirmText="确认提交"
        busy={saving}
        className="inspect__confirm"
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
      >
        <Text className="ent__hint">提交后不能修改；负责人：{draft.leaderName.trim()}。</Text>
      </Dialog>
    </View>
  );
}

export default function InspectionPage() {
  return (
    <EnterpriseGate roles={['safetyManager']} className="inspect-page">
      {(session) =>
        session.enterpriseId ? (
          <InspectionForm enterpriseId={session.enterpriseId} />
        ) : (
          <View className="ent__section">
            <Text className="ent__title">您还没有登记企业</Text>
            <Text className="ent__line">企业登记并通过审核后，才能开展重大隐患自查。</Text>
          </View>
        )
      }
    </EnterpriseGate>
  );
}
