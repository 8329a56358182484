import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { uploadScope, type TipoffOptions } from '../../../../types';
import {
  CHANNEL_LABELS,
  EXTERNAL_NO_LABELS,
  NUMBERED_CHANNELS,
  OUTSIDE_CHANNELS,
  RecordTipoffInput,
  type OutsideChannel,
  type RecordTipoffResult,
} from '../../../../types/channels';
import { FieldError } from '../../../components/Form';
import { PageState } from '../../../components/PageState';
import { PhotoUploader } from '../../../components/PhotoUploader';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Button, ButtonPair, Chip, ChipGroup, Field, a11y } from '../../../components/ui';
import { usePhotoUploads } from '../../../hooks/usePhotoUploads';
import { useRemote } from '../../../hooks/useRemote';
import { pickOnMap } from '../../../pages/report/location';
import { api } from '../../../services/api';
import { newRequestId } from '../../../services/draft';
import { asCloudError, issueMap, zodIssues } from '../../../services/errors';
import './index.css';

/** Who may record: department staff, heads and 安委办 (leaders read only). */
const RECORDERS = ['staff', 'head', 'admin'] as const;

interface Draft {
  requestId: string;
  channel?: OutsideChannel;
  externalNo: string;
  categoryId?: string;
  areaId?: string;
  address: string;
  latitude?: number;
  longitude?: number;
  description: string;
  suspectedMajor: boolean;
  name: string;
  phone: string;
  photos: string[];
}

const emptyDraft = (): Draft => ({
  requestId: newRequestId(),
  externalNo: '',
  address: '',
  description: '',
  suspectedMajor: false,
  name: '',
  phone: '',
  photos: [],
});

/** The input the server takes, built from the form (the area's centre stands in when no point was picked). */
function toInput(d: Draft, options: TipoffOptions) {
  const area = options.areas.find((a) => a.id === d.areaId);
  const contact =
    d.name.trim() || d.phone.trim()
      ? { name: d.name.trim() || undefined, phone: d.phone.trim() || undefined }
      : undefined;
  return {
    requestId: d.requestId,
    channel: d.channel,
    ...(d.externalNo.trim() ? { externalNo: d.externalNo } : {}),
    categoryId: d.categoryId,
    areaId: d.areaId,
    description: d.description,
    location: {
      latitude: d.latitude ?? area?.latitude,
      longitude: d.longitude ?? area?.longitude,
      address: d.address,
    },
    photos: d.photos,
    suspectedMajor: d.suspectedMajor,
    ...(contact ? { contact } : {}),
  };
}

/** 登记外部来源: a report received by 12345, 随申拍, 社区通, phone, letter or visit, filed into the town's loop. */
export default function RecordPage() {
  return (
    <RoleGate roles={[...RECORDERS]}>
      <RecordBody />
    </RoleGate>
  );
}

function RecordBody() {
  const options = useRemote(() => api.tipoff.options(), []);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RecordTipoffResult>();
  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k === 'address' || k === 'latitude' ? 'location' : k];
      delete next.form;
      return next;
    });
  };
  const photos = usePhotoUploads(uploadScope.report(draft.requestId), draft.photos, (fileIDs) =>
    update({ photos: fileIDs }),
  );
  const groups = useMemo(() => {
    const m = new Map<string, TipoffOptions['categories']>();
    for (const c of options.data?.categories ?? []) m.set(c.group, [...(m.get(c.group) ?? []), c]);
    return [...m.entries()];
  }, [options.data]);

  const submit = async () => {
    if (busy || !options.data) return;
    const parsed = RecordTipoffInput.safeParse(toInput(draft, options.data));
    const found = parsed.success ? {} : issueMap(zodIssues(parsed.error.issues));
    if (photos.uploading) found.photos = '照片还在上传，请稍候再提交';
    else if (photos.failed) found.photos = '有照片上传失败，请点“重试”或删除后再提交';
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors({ ...found, form: '请按提示修改后再登记' });
      return;
    }
    setBusy(true);
    try {
      setDone(await api.queue.record(parsed.data));
    } catch (e) {
      // The requestId is kept: pressing again cannot record twice.
      const err = asCloudError(e, '登记失败，请重试');
      const onFields = issueMap(err.issues ?? []);
      setErrors({ ...onFields, form: err.message });
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    photos.reset();
    setDraft(emptyDraft());
    setErrors({});
    setDone(undefined);
  };

  if (done) {
    return (
      <Shell className="record" title="登记外部来源">
        <View className="record__done" {...a11y({ role: 'status' })}>
          <Text className="record__done-title">已登记 {done.no}</Text>
          <Text className="record__done-text">
            来源：{CHANNEL_LABELS[done.channel]}
            {done.externalNo ? `（编号 ${done.externalNo}）` : ''}
          </Text>
          <Text className="record__done-text">已按规则分派至 {done.departmentName}，与小程序举报一样办理。</Text>
          <ButtonPair
            className="record__done-actions"
            primary="再登记一件"
            onPrimary={again}
            cancel="返回待办"
            onCancel={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/staff/pages/queue/index' }))}
          />
        </View>
      </Shell>
    );
  }

  if (!options.data) {
    return (
      <Shell className="record" title="登记外部来源">
        <PageState loading={options.loading} error={options.error} onRetry={options.reload} />
      </Shell>
    );
  }

  const numbered = !!draft.channel && NUMBERED_CHANNELS.includes(draft.channel);
  const hasPoint = draft.latitude !== undefined && draft.longitude !== undefined;
  return (
    <Shell className="record" title="登记外部来源">
      <Text className="record__intro">
        登记从 12345 热线、随申拍、社区通、电话、来信、来访收到的隐患：按规则分派到责任部门，与小程序举报一样办理。
      </Text>

      <View className="record__section">
        <Text className="record__label">
          来源渠道<Text className="ui-field__required"> *</Text>
        </Text>
        <ChipGroup label="来源渠道">
          {OUTSIDE_CHANNELS.map((c) => (
            <Chip
              key={c}
              className={`record__channel record__channel-${c}`}
              active={draft.channel === c}
              label={CHANNEL_LABELS[c]}
              onClick={() => update({ channel: c })}
            />
          ))}
        </ChipGroup>
        <FieldError message={errors.channel} />
      </View>

      {draft.channel && (
        <View className="record__section">
          <Field
            label={EXTERNAL_NO_LABELS[draft.channel]}
            required={numbered}
            id="record-external-no"
            error={errors.externalNo}
          >
            {(control) => (
              <Input
                className="form-input record__external-no"
                value={draft.externalNo}
                maxlength={40}
                placeholder={numbered ? '如：GD20261129001' : '没有可不填'}
                onInput={(e) => update({ externalNo: e.detail.value })}
                {...control}
              />
            )}
          </Field>
          <Text className="record__hint">同一渠道的同一编号只能登记一次。</Text>
        </View>
      )}

      <View className="record__section">
        <Text className="record__label">
          隐患类别<Text className="ui-field__required"> *</Text>
        </Text>
        {groups.map(([group, cats]) => (
          <View key={group} className="record__group">
            <Text className="record__group-name">{group}</Text>
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

      <View className="record__section">
        <Text className="record__label">
          所在居民区 / 村<Text className="ui-field__required"> *</Text>
        </Text>
        <ChipGroup label="所在居民区 / 村">
          {options.data.areas.map((a) => (
            <Chip key={a.id} active={draft.areaId === a.id} label={a.name} onClick={() => update({ areaId: a.id })} />
          ))}
        </ChipGroup>
        <FieldError message={errors.areaId} />
      </View>

      <View className="record__section">
        <Field label="具体地址" required id="record-address" error={errors.location}>
          {(control) => (
            <Input
              className="form-input record__address"
              value={draft.address}
              maxlength={120}
              placeholder="如：共康二村 12 号楼北侧"
              onInput={(e) => update({ address: e.detail.value })}
              {...control}
            />
          )}
        </Field>
        {process.env.TARO_ENV === 'weapp' && (
          <Button
            className="record__pick-map"
            inline
            onClick={async () => {
              const p = await pickOnMap(
                hasPoint ? { latitude: draft.latitude!, longitude: draft.longitude! } : undefined,
              );
              if (p)
                update({
                  latitude: p.latitude,
                  longitude: p.longitude,
                  ...(p.address && !draft.address ? { address: p.address.slice(0, 120) } : {}),
                });
            }}
          >
            在地图上选点
          </Button>
        )}
        <Text className="record__hint">
          {hasPoint ? '已在地图上定位。' : '未定位时，以所选居民区 / 村的中心位置代替。'}
        </Text>
      </View>

      <View className="record__section">
        <Field label="隐患描述" required id="record-description" error={errors.description}>
          {(control) => (
            <Textarea
              className="form-textarea record__description"
              value={draft.description}
              maxlength={500}
              placeholder="来电 / 来信反映的隐患位置、现状（至少 5 个字）"
              onInput={(e) => update({ description: e.detail.value })}
              {...control}
            />
          )}
        </Field>
        <View className="chips">
          <Chip
            multi
            className="record__major"
            active={draft.suspectedMajor}
            label={draft.suspectedMajor ? '✓ 疑似重大隐患' : '疑似重大隐患'}
            onClick={() => update({ suspectedMajor: !draft.suspectedMajor })}
          />
        </View>
      </View>

      <View className="record__section">
        <Text className="record__label">反映人联系方式（选填）</Text>
        <Field label="姓名" id="record-name" error={errors.contact}>
          {(control) => (
            <Input
              className="form-input record__name"
              value={draft.name}
              maxlength={20}
              placeholder="反映人姓名"
              onInput={(e) => update({ name: e.detail.value })}
              {...control}
            />
          )}
        </Field>
        <Field label="电话" id="record-phone">
          {(control) => (
            <Input
              className="form-input record__phone"
              value={draft.phone}
              maxlength={16}
              placeholder="手机号或带区号的固定电话"
              onInput={(e) => update({ phone: e.detail.value })}
              {...control}
            />
          )}
        </Field>
        <Text className="record__hint">联系方式加密保存，处理部门看不到，只在核发奖励时由镇安委办按规定查看。</Text>
      </View>

      <View className="record__section">
        <Text className="record__label">照片（选填，最多 {photos.max} 张）</Text>
        <PhotoUploader photos={photos} className="record__photos" />
        <FieldError message={errors.photos} />
      </View>

      <View className="record__footer">
        <FieldError message={errors.form} />
        <Button kind="primary" className="record__submit" loading={busy} loadingText="登记中…" onClick={submit}>
          登记并分派
        </Button>
      </View>
    </Shell>
  );
}
