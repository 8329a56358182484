import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { InternalReportInput, uploadScope, type TipoffOptions } from '../../../../types';
import { FieldError } from '../../../components/Form';
import { PageState } from '../../../components/PageState';
import { PhotoUploader } from '../../../components/PhotoUploader';
import { Button, Chip, ChipGroup, Field } from '../../../components/ui';
import { usePhotoUploads } from '../../../hooks/usePhotoUploads';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { newRequestId } from '../../../services/draft';
import { goTo } from '../../../services/navigate';
import { asCloudError, issueMap } from '../../../services/errors';
import { EnterpriseGate } from '../../components/Gate';

const DRAFT_KEY = 'mx.draft.internal';

export interface InternalDraft {
  requestId: string;
  categoryId: string;
  description: string;
  place: string;
  photos: string[];
  photoPreviews: Record<string, string>;
  anonymous: boolean;
}

const emptyDraft = (): InternalDraft => ({
  requestId: newRequestId(),
  categoryId: '',
  description: '',
  place: '',
  photos: [],
  photoPreviews: {},
  anonymous: true,
});

function loadDraft(): InternalDraft {
  try {
    const saved = Taro.getStorageSync(DRAFT_KEY) as Partial<InternalDraft> | '';
    if (saved && typeof saved === 'object' && saved.requestId) return { ...emptyDraft(), ...saved };
  } catch {
    // unreadable storage: a fresh draft
  }
  return emptyDraft();
}
function storeDraft(d: InternalDraft | undefined) {
  try {
    if (d) Taro.setStorageSync(DRAFT_KEY, d);
    else Taro.removeStorageSync(DRAFT_KEY);
  } catch {
    // a draft is a convenience only
  }
}

function groupCategories(options: TipoffOptions) {
  const groups = new Map<string, TipoffOptions['categories']>();
  for (const c of options.categories) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups.entries()];
}

function Done({ no, anonymous, onAgain }: { no: string; anonymous: boolean; onAgain: () => void }) {
  return (
    <View className="ent__done internal-report__done">
      <Text className="ent__done-mark" aria-hidden="true">
        ✓
      </Text>
      <Text className="ent__done-title">已报告给本企业</Text>
      <Text className="ent__line">编号：{no}</Text>
      <View className="ent__next">
        <Text className="ent__next-text">接下来：企业需在 2 个工作日内受理，否则自动转报镇里。</Text>
        <Text className="ent__next-text">企业受理后会定下整改期限，逾期未整改同样自动转报镇里。</Text>
        <Text className="ent__next-text">您随时可以在“我的内部报告”里查看进度，或直接报给镇里。</Text>
        {anonymous && <Text className="ent__next-text">您选择了匿名，企业看不到是谁报告的。</Text>}
      </View>
      <Button kind="primary" onClick={() => void Taro.redirectTo({ url: '/enterprise/pages/my-reports/index' })}>
        查看我的内部报告
      </Button>
      <Button onClick={onAgain}>再报告一条</Button>
    </View>
  );
}

function Form() {
  const options = useRemote(() => api.tipoff.options(), []);
  const [draft, setDraft] = useState<InternalDraft>(loadDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState<{ no: string; anonymous: boolean }>();
  useEffect(() => storeDraft(draft), [draft]);
  const update = (patch: Partial<InternalDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k === 'photoPreviews' ? 'photos' : k];
      delete next.form;
      return next;
    });
  };
  // This report's own folder (by its requestId, kept with the draft): the manager cannot link an anonymous
  // report's photos to the same worker's named ones.
  const photos = usePhotoUploads(
    uploadScope.report(draft.requestId),
    draft.photos,
    (photos, photoPreviews) => update({ photos, photoPreviews }),
    undefined,
    draft.photoPreviews,
  );
  const groups = useMemo(() => (options.data ? groupCategories(options.data) : []), [options.data]);

  const submit = async () => {
    if (submitting) return;
    const input: InternalReportInput = {
      requestId: draft.requestId,
      categoryId: draft.categoryId,
      description: draft.description.trim(),
      photos: draft.photos,
      ...(draft.place.trim() ? { place: draft.place.trim() } : {}),
      anonymous: draft.anonymous,
    };
    const parsed = InternalReportInput.safeParse(input);
    const found: Record<string, string> = parsed.success
      ? {}
      : issueMap(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    if (photos.uploading) found.photos = '照片还在上传，请稍候再提交';
    else if (photos.failed) found.photos = '有照片上传失败，请点“重试”或删除后再提交';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      const res = await api.enterprise.report(input);
      storeDraft(undefined);
      setDone({ no: res.no, anonymous: input.anonymous });
    } catch (e) {
      // The draft and its requestId stay: submitting again cannot file a second report.
      const err = asCloudError(e, '提交失败，请重试');
      const onFields = issueMap(err.issues);
      setErrors({ ...onFields, form: Object.keys(onFields).length > 0 ? '请按提示修改后再提交' : err.message });
    } finally {
      setSubmitting(false);
    }
  };

  const again = () => {
    photos.reset();
    setDraft(emptyDraft());
    setErrors({});
    setDone(undefined);
  };

  if (done) return <Done no={done.no} anonymous={done.anonymous} onAgain={again} />;
  if (!options.data) return <PageState loading={options.loading} error={options.error} onRetry={options.reload} />;

  return (
    <View className="internal-report">
      <View className="ent__section">
        <Text className="ent__title">报告给本企业</Text>
        <Text className="ent__hint">企业的安全管理人员会收到并处理。2 个工作日内没人受理，会自动转报镇里。</Text>
      </View>
      <View className="ent__section">
        <Text className="ent__group-label">
          隐患类别<Text className="ui-field__required"> *</Text>
        </Text>
        {groups.map(([group, cats]) => (
          <View key={group}>
            <Text className="ent__meta">{group}</Text>
            <ChipGroup label={`隐患类别：${group}`}>
              {cats.map((c) => (
                <Chip
                  key={c.id}
                  active={draft.categoryId === c.id}
                  label={c.name}
                  onClick={() => update({ categoryId: c.id })}
                />
              ))}
            </ChipGroup>
          </View>
        ))}
        <FieldError message={errors.categoryId} />
      </View>
      <View className="ent__section ent__form">
        <Field label="隐患描述" required id="internal-description" error={errors.description}>
          {(control) => (
            <Textarea
              className="form-textarea internal-report__description"
              value={draft.description}
              maxlength={500}
              placeholder="看到了什么、可能有什么危险（至少 5 个字）"
              onInput={(e) => update({ description: e.detail.value })}
              {...control}
            />
          )}
        </Field>
        <Field label="在企业里的位置（选填）" id="internal-place" error={errors.place}>
          {(control) => (
            <Input
              className="form-input internal-report__place"
              value={draft.place}
              maxlength={60}
              placeholder="如：二号车间东门、原料仓库"
              onInput={(e) => update({ place: e.detail.value })}
              {...control}
            />
          )}
        </Field>
        <Text className="ent__group-label">现场照片（选填，最多 {photos.max} 张）</Text>
        <PhotoUploader photos={photos} />
        <FieldError message={errors.photos} />
      </View>
      <View className="ent__section">
        <Text className="ent__group-label">报告方式</Text>
        <ChipGroup label="报告方式">
          <Chip active={draft.anonymous} label="匿名报告" onClick={() => update({ anonymous: true })} />
          <Chip active={!draft.anonymous} label="实名报告" onClick={() => update({ anonymous: false })} />
        </ChipGroup>
        <Text className="ent__hint internal-report__anonymous-hint">
          {draft.anonymous ? '匿名后，企业看不到是谁报告的。' : '实名报告，企业的安全管理人员能看到您的姓名。'}
        </Text>
      </View>
      <View className="ent__footer">
        <FieldError message={errors.form} />
        <Button
          kind="primary"
          className="internal-report__submit"
          loading={submitting}
          loadingText="提交中…"
          onClick={() => void submit()}
        >
          提交给本企业
        </Button>
      </View>
    </View>
  );
}

export default function InternalReportPage() {
  return (
    <EnterpriseGate roles={['worker']} className="internal-report-page">
      {(session) =>
        session.enterpriseId ? (
          <Form />
        ) : (
          <View className="ent__section">
            <Text className="ent__title">您还没有加入企业</Text>
            <Text className="ent__line">加入企业后才能报告给企业。发现隐患也可以直接向镇里举报。</Text>
            <View className="ent__actions">
              <Button kind="primary" onClick={() => void goTo('/pages/report/index')}>
                直接报给镇里
              </Button>
            </View>
          </View>
        )
      }
    </EnterpriseGate>
  );
}
