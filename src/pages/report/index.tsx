import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import type { SubmitTipoffResult, TipoffOptions } from '../../../types';
import { PageState } from '../../components/PageState';
import { Shell } from '../../components/Shell';
import { useRemote } from '../../hooks/useRemote';
import { api } from '../../services/api';
import { CloudError } from '../../services/cloud-error';
import { clearDraft, emptyDraft, loadDraft, saveDraft, type TipoffDraft } from '../../services/draft';
import { buildSubmission, fieldErrors, type FieldErrors } from './form';
import './index.css';

function groupCategories(options: TipoffOptions) {
  const groups = new Map<string, TipoffOptions['categories']>();
  for (const c of options.categories) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups.entries()];
}

function Chip({ active, label, onClick }: { active: boolean; label: string; onClick: () => void }) {
  return (
    <View className={`chip ${active ? 'chip--active' : ''}`} onClick={onClick}>
      {label}
    </View>
  );
}

function FieldError({ message }: { message?: string }) {
  return message ? <Text className="field-error">{message}</Text> : null;
}

export default function ReportPage() {
  const options = useRemote(() => api.tipoff.options(), []);
  const [draft, setDraft] = useState<TipoffDraft>(loadDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<SubmitTipoffResult>();

  useEffect(() => saveDraft(draft), [draft]);
  const groups = useMemo(() => (options.data ? groupCategories(options.data) : []), [options.data]);

  const update = (patch: Partial<TipoffDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const pickLocation = async () => {
    try {
      const picked = await Taro.chooseLocation({});
      update({ latitude: picked.latitude, longitude: picked.longitude, address: picked.address || picked.name });
    } catch {
      Taro.showToast({ title: '未选择位置，可直接填写地址', icon: 'none' });
    }
  };

  const submit = async () => {
    if (!options.data || submitting) return;
    const { payload, errors: found } = buildSubmission(draft, options.data);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      const res = await api.tipoff.submit(payload);
      clearDraft();
      setResult(res);
    } catch (e) {
      // The draft (and its requestId) is kept: pressing submit again cannot file a second report.
      const err = e instanceof CloudError ? e : new CloudError('INTERNAL', '提交失败，请重试');
      setErrors({ ...fieldErrors(err.issues), form: err.message });
    } finally {
      setSubmitting(false);
    }
  };

  if (result) {
    return (
      <Shell className="report">
        <View className="report__done">
          <Text className="report__done-title">举报已提交</Text>
          <Text className="report__done-line">编号：{result.no}</Text>
          <Text className="report__done-line">已分派至：{result.departmentName}</Text>
          <Text className="report__done-line">查询码：{result.trackingCode}</Text>
          <Text className="report__done-hint">请保存查询码，匿名举报可凭它查询进度、领取奖励。</Text>
          <Button className="report__button" onClick={() => Taro.redirectTo({ url: '/pages/mine/index' })}>
            查看我的举报
          </Button>
          <Button
            className="report__button report__button--plain"
            onClick={() => {
              setResult(undefined);
              setDraft(emptyDraft());
            }}
          >
            再报一条
          </Button>
        </View>
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
      <View className="report__section">
        <Text className="report__label">隐患类别</Text>
        {groups.map(([group, cats]) => (
          <View key={group} className="report__group">
            <Text className="report__group-name">{group}</Text>
            <View className="chips">
              {cats.map((c) => (
                <Chip
                  key={c.id}
                  active={draft.categoryId === c.id}
                  label={c.name}
                  onClick={() => update({ categoryId: c.id })}
                />
              ))}
            </View>
          </View>
        ))}
        <FieldError message={errors.categoryId} />
      </View>

      <View className="report__section">
        <Text className="report__label">隐患描述</Text>
        <Textarea
          className="report__textarea"
          value={draft.description}
          maxlength={500}
          placeholder="请描述隐患的位置、现状和可能的危险（至少 5 个字）"
          onInput={(e) => update({ description: e.detail.value })}
        />
        <Text className="report__count">{draft.description.length}/500</Text>
        <FieldError message={errors.description} />
      </View>

      <View className="report__section">
        <Text className="report__label">所在居民区 / 村</Text>
        <View className="chips">
          {options.data.areas.map((a) => (
            <Chip key={a.id} active={draft.areaId === a.id} label={a.name} onClick={() => update({ areaId: a.id })} />
          ))}
        </View>
        <FieldError message={errors.areaId} />
      </View>

      <View className="report__section">
        <Text className="report__label">具体地址</Text>
        <Input
          className="report__input report__address"
          value={draft.address}
          maxlength={120}
          placeholder="如：共康二村 12 号楼北侧"
          onInput={(e) => update({ address: e.detail.value })}
        />
        {process.env.TARO_ENV === 'weapp' && (
          <Button className="report__button report__button--plain" size="mini" onClick={pickLocation}>
            在地图上选点
          </Button>
        )}
        <FieldError message={errors.address} />
      </View>

      <View className="report__section">
        <Text className="report__label">举报方式</Text>
        <View className="chips">
          <Chip active={draft.anonymous} label="匿名举报" onClick={() => update({ anonymous: true })} />
          <Chip active={!draft.anonymous} label="实名举报" onClick={() => update({ anonymous: false })} />
        </View>
        {!draft.anonymous && (
          <View className="report__contact">
            <Input
              className="report__input report__name"
              value={draft.name}
              maxlength={20}
              placeholder="姓名"
              onInput={(e) => update({ name: e.detail.value })}
            />
            <FieldError message={errors.name} />
            <Input
              className="report__input report__phone"
              type="number"
              value={draft.phone}
              maxlength={11}
              placeholder="手机号"
              onInput={(e) => update({ phone: e.detail.value })}
            />
            <FieldError message={errors.phone} />
            <Text className="report__hint">您的姓名和电话只用于核实与发放奖励，处理部门看不到。</Text>
          </View>
        )}
      </View>

      <View className="report__section">
        <View className="chips">
          <Chip
            active={draft.suspectedMajor}
            label={draft.suspectedMajor ? '✓ 疑似重大隐患' : '疑似重大隐患'}
            onClick={() => update({ suspectedMajor: !draft.suspectedMajor })}
          />
        </View>
      </View>

      <View className="report__footer">
        <FieldError message={errors.form} />
        <Button className="report__submit" loading={submitting} disabled={submitting} onClick={submit}>
          {submitting ? '提交中…' : '提交举报'}
        </Button>
      </View>
    </Shell>
  );
}
