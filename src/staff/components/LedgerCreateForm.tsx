import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { LedgerCreateInput, type LedgerEntry } from '../../../types';
import { TextField } from '../../components/Form';
import { ButtonPair, Chip, ChipGroup } from '../../components/ui';
import { Field } from '../../components/ui/Field';
import { PageState } from '../../components/PageState';
import { useRemote } from '../../hooks/useRemote';
import { api } from '../../services/api';
import { asCloudError, issueMap, zodIssues } from '../../services/errors';
import { townToday } from '../../services/format';
import { DateInput } from './DateInput';

type Source = LedgerCreateInput['source'];

/** After a refused submit, bring the first field message into view (as the report form does). */
function scrollToFirstError() {
  setTimeout(() => {
    try {
      void Promise.resolve(
        Taro.pageScrollTo({ selector: '.ledger-form .field-error', offsetTop: -80, duration: 200 }),
      ).catch(() => undefined);
    } catch {
      // scrolling is a convenience only
    }
  }, 50);
}

/** 登记重大事故隐患 from an enterprise self-report or an inspection (§15); tip-offs enter on their own. */
export function LedgerCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (e: LedgerEntry) => void;
  onCancel: () => void;
}) {
  const options = useRemote(() => api.tipoff.options(), []);
  const [form, setForm] = useState<LedgerCreateInput>({
    source: 'inspection',
    title: '',
    description: '',
    categoryId: '',
    enterpriseName: '',
    address: '',
    deadline: '',
  });
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<LedgerCreateInput>) => {
    setForm((f) => ({ ...f, ...patch }));
    // A fixed field's message goes; the summary goes with the last one.
    const fixed = Object.keys(patch).filter((k) => issues[k]);
    if (fixed.length === 0) return;
    const next = { ...issues };
    for (const k of fixed) delete next[k];
    setIssues(next);
    if (Object.keys(next).length === 0) setError(undefined);
  };

  const save = async () => {
    if (saving) return;
    const checked = LedgerCreateInput.safeParse(form);
    if (!checked.success) {
      setIssues(issueMap(zodIssues(checked.error.issues)));
      setError('请按提示填写后再提交');
      scrollToFirstError();
      return;
    }
    setSaving(true);
    setIssues({});
    setError(undefined);
    try {
      onCreated(await api.admin.ledgerCreate(checked.data));
    } catch (e) {
      const err = asCloudError(e, '登记失败，请重试');
      setIssues(issueMap(err.issues));
      setError(err.message);
    } finally {
      setSaving(false);
    }
  };

  const sources: [Source, string][] = [
    ['selfReport', '企业自查'],
    ['inspection', '检查发现'],
  ];

  return (
    <View className="ledger-form">
      <Text className="ledger-form__title">登记重大事故隐患</Text>
      <Field label="来源" required error={issues.source}>
        <ChipGroup label="来源">
          {sources.map(([value, label]) => (
            <Chip key={value} active={form.source === value} label={label} onClick={() => set({ source: value })} />
          ))}
        </ChipGroup>
      </Field>
      <TextField
        label="隐患名称"
        required
        className="ledger-form__name"
        value={form.title}
        maxlength={60}
        placeholder="如：某仓库危化品超量储存"
        onInput={(title) => set({ title })}
        error={issues.title}
      />
      <Field label="隐患描述" required error={issues.description}>
        {(control) => (
          <Textarea
            className="form-textarea ledger-form__description"
            value={form.description}
            maxlength={1000}
            placeholder="隐患情况、判定依据（至少 5 个字）"
            onInput={(e) => set({ description: e.detail.value })}
            {...control}
          />
        )}
      </Field>
      <Field label="类别" required error={issues.categoryId}>
        {options.data ? (
          <ChipGroup label="类别" className="ledger-form__categories">
            {options.data.categories.map((c) => (
              <Chip
                key={c.id}
                active={form.categoryId === c.id}
                label={c.name}
                onClick={() => set({ categoryId: c.id })}
              />
            ))}
          </ChipGroup>
        ) : (
          <PageState loading={options.loading} error={options.error} onRetry={options.reload} />
        )}
      </Field>
      <TextField
        label="单位名称"
        required
        className="ledger-form__enterprise"
        value={form.enterpriseName}
        maxlength={60}
        placeholder="生产经营单位名称"
        onInput={(enterpriseName) => set({ enterpriseName })}
        error={issues.enterpriseName}
      />
      <TextField
        label="地址"
        required
        className="ledger-form__address"
        value={form.address}
        maxlength={120}
        placeholder="隐患所在地址"
        onInput={(address) => set({ address })}
        error={issues.address}
      />
      <Field label="整改期限" required error={issues.deadline}>
        <DateInput
          className="ledger-form__deadline"
          label="整改期限"
          value={form.deadline}
          start={townToday()}
          onChange={(deadline) => set({ deadline })}
        />
      </Field>
      {error && <Text className="ledger-form__error act-form__error">{error}</Text>}
      <ButtonPair
        className="ledger-form__buttons"
        primary="登记入账"
        onPrimary={() => void save()}
        onCancel={onCancel}
        loading={saving}
        loadingText="提交中…"
        primaryClassName="ledger-form__submit"
        cancelClassName="ledger-form__cancel"
      />
    </View>
  );
}
