import { Text, Textarea, Input, View } from '@tarojs/components';
import { Button, ButtonPair } from '../../components/ui/Button';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import { uploadScope, type NearbyTipoff, type SubmitTipoffResult, type TipoffOptions } from '../../../types';
import { Chip, ChipGroup, FieldError } from '../../components/Form';
import { Field } from '../../components/ui/Field';
import { a11y } from '../../components/ui/a11y';
import { PageState } from '../../components/PageState';
import { PhotoUploader } from '../../components/PhotoUploader';
import { Shell } from '../../components/Shell';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { useRemote } from '../../hooks/useRemote';
import { api } from '../../services/api';
import { clearDraft, emptyDraft, loadDraft, saveDraft, type TipoffDraft } from '../../services/draft';
import { asCloudError } from '../../services/errors';
import { askStatusSubscription } from '../../services/subscribe';
import { ConsentSheet } from './ConsentSheet';
import { EmergencyInline, EmergencyScreen, emergencyKind } from './EmergencyScreen';
import { buildSubmission, fieldErrors, type FieldErrors, type TipoffPayload } from './form';
import { loadSession, resetSession } from '../../hooks/useSession';
import { LocationField } from './LocationField';
import { NearbyPanel } from './NearbyPanel';
import { WorkerChoice } from './WorkerChoice';
import { FollowDone, SubmitDone } from './SubmitDone';
import './index.css';

type Stage = 'emergency' | 'form' | 'nearby' | 'done' | 'followed';

function groupCategories(options: TipoffOptions) {
  const groups = new Map<string, TipoffOptions['categories']>();
  for (const c of options.categories) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups.entries()];
}

const OPTIONS_KEY = 'mx.options.tipoff';

/** Categories and areas, cached: offline (or on a failed call) the form still opens from the last copy. */
function loadOptions(): Promise<TipoffOptions> {
  return api.tipoff.options().then(
    (fresh) => {
      try {
        Taro.setStorageSync(OPTIONS_KEY, fresh);
      } catch {
        // caching is a convenience only
      }
      return fresh;
    },
    (e: unknown) => {
      let cached: TipoffOptions | '' = '';
      try {
        cached = Taro.getStorageSync(OPTIONS_KEY) as TipoffOptions | '';
      } catch {
        // unreadable storage: report the original failure
      }
      if (cached && Array.isArray(cached.categories) && cached.categories.length > 0) return cached;
      throw e;
    },
  );
}

/** Whether a saved draft holds anything the user typed or chose. */
const hasContent = (d: TipoffDraft) =>
  !!(d.categoryId || d.description.trim() || d.areaId || d.address.trim() || d.photos.length || d.name || d.phone);

/** The fields each draft change answers (the photo list also answers the photo error). */
const FIXES: Partial<Record<keyof TipoffDraft, keyof FieldErrors>> = {
  categoryId: 'categoryId',
  description: 'description',
  areaId: 'areaId',
  address: 'address',
  latitude: 'address',
  name: 'name',
  phone: 'phone',
  photos: 'photos',
};

function clearFixed(errors: FieldErrors, patch: Partial<TipoffDraft>): FieldErrors {
  const fixed = Object.keys(patch).flatMap((k) => FIXES[k as keyof TipoffDraft] ?? []);
  if (!fixed.some((k) => errors[k])) return errors;
  const next = { ...errors };
  for (const k of fixed) delete next[k];
  delete next.form;
  return next;
}

/** After a refused submit, bring the first problem into view (the page may be scrolled to the button). */
function scrollToFirstError() {
  setTimeout(() => {
    try {
      void Promise.resolve(
        Taro.pageScrollTo({ selector: '.report .field-error', offsetTop: -80, duration: 200 }),
      ).catch(() => undefined);
    } catch {
      // scrolling is a convenience only
    }
  }, 50);
}

/** Where a duplicate check was answered with "not the same": asking again for the same spot would nag. */
const spotKey = (p: TipoffPayload) => `${p.categoryId}|${p.location.latitude}|${p.location.longitude}`;

export default function ReportPage() {
  const options = useRemote(loadOptions, []);
  const [stage, setStage] = useState<Stage>('emergency');
  const [draft, setDraft] = useState<TipoffDraft>(loadDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<SubmitTipoffResult & { anonymous: boolean }>();
  const [nearby, setNearby] = useState<NearbyTipoff[]>([]);
  const [followed, setFollowed] = useState<{ no: string; already: boolean }>();
  const notDuplicateAt = useRef<string>();
  // Consent before the first report (个人信息保护法): the sign-in says which notice version is in force and which
  // one this person agreed to; until they agree to it, 提交举报 opens the consent sheet instead of sending.
  const session = useRemote(() => Promise.resolve().then(loadSession), []);
  const [agreedVersion, setAgreedVersion] = useState<number>();
  const [consent, setConsent] = useState<{ payload: TipoffPayload; busy: boolean; error?: string }>();
  const inForce = session.data?.privacyVersion;
  const needsConsent = !session.data || (session.data.privacyConsent !== inForce && agreedVersion !== inForce);

  useEffect(() => saveDraft(draft), [draft]);
  const update = (patch: Partial<TipoffDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // An error goes away once its field is changed (it is checked again on submit).
    setErrors((e) => clearFixed(e, patch));
  };
  // The photos go to this report's own folder (by its requestId, kept with the draft), never shared with
  // the same person's other reports: a photo URL cannot link an anonymous report to a named one.
  const photos = usePhotoUploads(
    uploadScope.report(draft.requestId),
    draft.photos,
    (fileIDs, previews) => update({ photos: fileIDs, photoPreviews: previews }),
    undefined,
    draft.photoPreviews,
  );
  const groups = useMemo(() => (options.data ? groupCategories(options.data) : []), [options.data]);
  const category = options.data?.categories.find((c) => c.id === draft.categoryId);
  const alarm = emergencyKind(category);
  // A draft left from last time: ask whether to go on with it or start afresh (asked once per visit).
  const [restored, setRestored] = useState(() => hasContent(draft));

  const validate = () => {
    if (!options.data) return undefined;
    const { payload, errors: found } = buildSubmission(draft, options.data);
    if (photos.uploading) found.photos = '照片还在上传，请稍候再提交';
    else if (photos.failed) found.photos = '有照片上传失败，请点“重试”或删除后再提交';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      scrollToFirstError();
      return undefined;
    }
    return payload;
  };

  const file = async (payload: TipoffPayload) => {
    try {
      const res = await api.tipoff.submit({ ...payload, privacyVersion: (await loadSession()).privacyVersion });
      clearDraft();
      setResult({ ...res, anonymous: payload.anonymous });
      setStage('done');
    } catch (e) {
      // The draft (and its requestId) is kept: pressing submit again cannot file a second report.
      const err = asCloudError(e, '提交失败，请重试');
      const onFields = fieldErrors(err.issues);
      setErrors({ ...onFields, form: Object.keys(onFields).length > 0 ? '请按提示修改后再提交' : err.message });
      setStage('form');
    }
  };

  const submit = async () => {
    if (submitting) return;
    const payload = validate();
    if (!payload) return;
    if (needsConsent) {
      setConsent({ payload, busy: false });
      return;
    }
    await send(payload);
  };

  /** 同意并继续: the consent is recorded first; only then is the report sent (with the version agreed to). */
  const agree = async () => {
    if (!consent) return;
    setConsent({ ...consent, busy: true, error: undefined });
    try {
      const version = (await loadSession()).privacyVersion;
      await api.user.consent(version);
      setAgreedVersion(version);
      resetSession(); // the next sign-in carries the consent
    } catch (e) {
      setConsent({ ...consent, busy: false, error: asCloudError(e, '提交失败，请重试').message });
      return;
    }
    setConsent(undefined);
    await send(consent.payload);
  };

  /** The duplicate check, then filing. */
  const send = async (payload: TipoffPayload) => {
    setSubmitting(true);
    try {
      // Consent must be asked from the tap itself, before any network wait.
      await askStatusSubscription();
      if (notDuplicateAt.current !== spotKey(payload)) {
        // The duplicate check only advises: if it fails, filing goes ahead.
        const found = await api.tipoff
          .nearby(payload.location.latitude, payload.location.longitude, payload.categoryId)
          .catch(() => [] as NearbyTipoff[]);
        if (found.length > 0) {
          setNearby(found);
          setStage('nearby');
          return;
        }
      }
      await file(payload);
    } finally {
      setSubmitting(false);
    }
  };

  const submitAnyway = async () => {
    if (submitting) return;
    const payload = validate();
    if (!payload) {
      setStage('form'); // the problems are shown on the form's fields
      return;
    }
    notDuplicateAt.current = spotKey(payload);
    setSubmitting(true);
    try {
      await file(payload);
    } finally {
      setSubmitting(false);
    }
  };

  const startAgain = () => {
    setRestored(false);
    clearDraft();
    photos.reset();
    setDraft(emptyDraft());
    setResult(undefined);
    setFollowed(undefined);
    setErrors({});
    notDuplicateAt.current = undefined;
    setStage('form');
  };

  // weapp keeps a tab page alive: coming back to 随手拍 after a filed (or followed) report starts a fresh form
  // instead of the old done screen. The first show is the page's own start.
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false;
      return;
    }
    if (stage === 'done' || stage === 'followed') startAgain();
  });

  if (stage === 'emergency') {
    return (
      <Shell className="report">
        <EmergencyScreen onContinue={() => setStage('form')} />
      </Shell>
    );
  }

  if (stage === 'done' && result) {
    return (
      <Shell className="report">
        <SubmitDone result={result} anonymous={result.anonymous} onAgain={startAgain} />
      </Shell>
    );
  }

  if (stage === 'followed' && followed) {
    return (
      <Shell className="report">
        <FollowDone no={followed.no} already={followed.already} onAgain={startAgain} />
      </Shell>
    );
  }

  if (stage === 'nearby') {
    return (
      <Shell className="report">
        <NearbyPanel
          items={nearby}
          submitting={submitting}
          approximate={draft.latitude === undefined || draft.longitude === undefined}
          onContinue={submitAnyway}
          onBack={() => setStage('form')}
          onFollowed={(_t, res) => {
            clearDraft();
            setFollowed({ no: res.no, already: res.already });
            setStage('followed');
          }}
        />
      </Shell>
    );
  }

  if (!options.data) {
    return (
      <Shell className="report">
        <PageState loading={options.loading} error={options.error} onRetry={options.reload} />
      </Shell>
    );
  }

  return (
    <Shell className="report">
      <WorkerChoice />
      {restored && (
        <View className="report__restored" {...a11y({ role: 'alert' })}>
          <Text className="report__restored-text">已恢复您上次未提交的草稿。</Text>
          <ButtonPair
            className="report__restored-actions"
            primary="继续上次草稿"
            onPrimary={() => setRestored(false)}
            cancel="重新填写"
            cancelClassName="report__restart"
            onCancel={startAgain}
          />
        </View>
      )}
      <View className="report__section">
        <Text className="report__label">
          隐患类别<Text className="ui-field__required"> *</Text>
        </Text>
        {groups.map(([group, cats]) => (
          <View key={group} className="report__group">
            <Text className="report__group-name">{group}</Text>
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
            {/* The warning shows where the choice was made, not below every group. */}
            {alarm && category?.group === group && <EmergencyInline kind={alarm} />}
          </View>
        ))}
        <FieldError message={errors.categoryId} />
      </View>

      <View className="report__section">
        <Field
          label="隐患描述"
          required
          labelClassName="report__label"
          id="report-description"
          error={errors.description}
        >
          {(control) => (
            <>
              <Textarea
                className="form-textarea report__textarea"
                value={draft.description}
                maxlength={500}
                placeholder="请描述隐患的位置、现状和可能的危险（至少 5 个字）"
                onInput={(e) => update({ description: e.detail.value })}
                {...control}
              />
              <Text className="report__count">{draft.description.length}/500</Text>
            </>
          )}
        </Field>
      </View>

      <View className="report__section">
        <Text className="report__label">现场照片（选填，最多 {photos.max} 张）</Text>
        <PhotoUploader photos={photos} className="report__photos" />
        <FieldError message={errors.photos} />
      </View>

      <View className="report__section">
        <Text className="report__label">
          所在居民区 / 村<Text className="ui-field__required"> *</Text>
        </Text>
        <ChipGroup label="所在居民区 / 村">
          {options.data.areas.map((a) => (
            <Chip key={a.id} active={draft.areaId === a.id} label={a.name} onClick={() => update({ areaId: a.id })} />
          ))}
        </ChipGroup>
        <FieldError message={errors.areaId} />
      </View>

      <LocationField draft={draft} error={errors.address} update={update} />

      <View className="report__section">
        <Text className="report__label">举报方式</Text>
        <ChipGroup label="举报方式">
          <Chip active={draft.anonymous} label="匿名举报" onClick={() => update({ anonymous: true })} />
          <Chip active={!draft.anonymous} label="实名举报" onClick={() => update({ anonymous: false })} />
        </ChipGroup>
        {draft.anonymous ? (
          <Text className="report__hint">匿名举报不留姓名电话，提交后凭查询码查询进度、领取奖励。</Text>
        ) : (
          <View className="report__contact">
            <Field label="姓名" required id="report-name" error={errors.name}>
              {(control) => (
                <Input
                  className="form-input report__name"
                  value={draft.name}
                  maxlength={20}
                  placeholder="姓名"
                  onInput={(e) => update({ name: e.detail.value })}
                  {...control}
                />
              )}
            </Field>
            <Field label="手机号" required id="report-phone" error={errors.phone}>
              {(control) => (
                <Input
                  className="form-input report__phone"
                  type="number"
                  value={draft.phone}
                  maxlength={11}
                  placeholder="手机号"
                  onInput={(e) => update({ phone: e.detail.value })}
                  {...control}
                />
              )}
            </Field>
            <Text className="report__hint">您的姓名和电话只用于核实与发放奖励，处理部门看不到。</Text>
          </View>
        )}
      </View>

      <View className="report__section">
        <View className="chips">
          <Chip
            multi
            className="report__major"
            active={draft.suspectedMajor}
            label={draft.suspectedMajor ? '✓ 疑似重大隐患' : '疑似重大隐患'}
            onClick={() => update({ suspectedMajor: !draft.suspectedMajor })}
          />
        </View>
        <Text className="report__hint">
          如涉及人员密集场所、危化品、燃气、有限空间等可能造成群死群伤的隐患，请勾选。
        </Text>
      </View>

      <View className="report__footer">
        <FieldError message={errors.form} />
        <Button kind="primary" className="report__submit" loading={submitting} loadingText="提交中…" onClick={submit}>
          提交举报
        </Button>
        {needsConsent && session.data && (
          <Text className="report__hint">提交前，需要先阅读并同意《个人信息保护说明》。</Text>
        )}
      </View>
      <ConsentSheet
        open={!!consent}
        busy={!!consent?.busy}
        error={consent?.error}
        onAgree={() => void agree()}
        onCancel={() => setConsent(undefined)}
      />
    </Shell>
  );
}
