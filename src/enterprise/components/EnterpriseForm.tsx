import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { RegisterEnterpriseInput, type Location } from '../../../types';
import { FieldError } from '../../components/Form';
import { Badge, Button, ButtonPair, Chip, ChipGroup, Field } from '../../components/ui';
import type { CloudError } from '../../services/cloud-error';
import { pickOnMap } from '../../pages/report/location';
import type { IndustryOption } from '../industries';

/** What the form holds while typing: every field as text, the location once picked on the map. */
export interface EnterpriseFormValues {
  name: string;
  creditCode: string;
  industry: string;
  areaId: string;
  address: string;
  location?: Location;
  contactName: string;
  contactPhone: string;
  workerCount: string;
}

export const emptyEnterpriseForm = (): EnterpriseFormValues => ({
  name: '',
  creditCode: '',
  industry: '',
  areaId: '',
  address: '',
  contactName: '',
  contactPhone: '',
  workerCount: '',
});

export type EnterpriseFormErrors = Partial<Record<keyof EnterpriseFormValues | 'form', string>>;

/** 18 characters from 0-9 and A-Z without I O Z S V (the check character is verified by the schema and the server). */
export const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export const normaliseCreditCode = (s: string) => s.toUpperCase().replace(/\s/g, '');

/** Where a schema or server issue path lands on the form. */
const FIELD_OF: Record<string, keyof EnterpriseFormValues> = {
  name: 'name',
  creditCode: 'creditCode',
  industry: 'industry',
  areaId: 'areaId',
  address: 'address',
  location: 'address',
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  contact: 'contactName',
  workerCount: 'workerCount',
};

export function mapIssues(issues: { path: string; message: string }[]): EnterpriseFormErrors {
  const out: EnterpriseFormErrors = {};
  for (const { path, message } of issues) {
    const key = FIELD_OF[path] ?? FIELD_OF[path.split('.')[0]] ?? 'form';
    out[key] ??= message;
  }
  return out;
}

/** Checks the form on the client: the shape of every field, and the credit code's shape with a plain message. */
export function checkEnterpriseForm(v: EnterpriseFormValues): {
  input?: RegisterEnterpriseInput;
  errors: EnterpriseFormErrors;
} {
  const code = normaliseCreditCode(v.creditCode);
  const count = v.workerCount.trim() === '' ? NaN : Number(v.workerCount);
  const candidate: RegisterEnterpriseInput = {
    name: v.name.trim(),
    creditCode: code,
    industry: v.industry,
    areaId: v.areaId,
    address: v.address.trim(),
    ...(v.location ? { location: v.location } : {}),
    contact: { name: v.contactName.trim(), phone: v.contactPhone.trim() },
    workerCount: count,
  };
  const parsed = RegisterEnterpriseInput.safeParse(candidate);
  const errors: EnterpriseFormErrors = parsed.success
    ? {}
    : mapIssues(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  if (!code) errors.creditCode = '请填写统一社会信用代码';
  else if (code.length !== 18) errors.creditCode = `统一社会信用代码应为 18 位，现在是 ${code.length} 位`;
  else if (!CREDIT_CODE_SHAPE.test(code))
    errors.creditCode = '统一社会信用代码只含数字和大写字母（不含 I、O、Z、S、V），请核对';
  if (Number.isNaN(count)) errors.workerCount = '请填写从业人数';
  if (!v.industry) errors.industry = '请选择行业';
  if (!v.areaId) errors.areaId = '请选择所在居民区或村';
  delete errors.form;
  return Object.keys(errors).length > 0 ? { errors } : { input: candidate, errors };
}

interface Props {
  areas: { id: string; name: string }[];
  industries: IndustryOption[];
  initial?: EnterpriseFormValues;
  submitLabel?: string;
  submitting?: boolean;
  /** The server's refusal: field issues go beside their fields, anything else under the button. */
  serverError?: CloudError;
  /** Hears every change (e.g. to keep a draft). */
  onChange?: (values: EnterpriseFormValues) => void;
  onSubmit: (input: RegisterEnterpriseInput) => void;
  onCancel?: () => void;
}

/**
 * An enterprise's details (the manager's registration; 安委办 creates or corrects one with the same form):
 * name, 统一社会信用代码, industry, area, address (map point optional), contact and the number of employees.
 */
export function EnterpriseForm({
  areas,
  industries,
  initial,
  submitLabel = '提交',
  submitting = false,
  serverError,
  onChange,
  onSubmit,
  onCancel,
}: Props) {
  const [v, setV] = useState<EnterpriseFormValues>(() => initial ?? emptyEnterpriseForm());
  const [errors, setErrors] = useState<EnterpriseFormErrors>({});

  useEffect(() => {
    if (!serverError) return;
    const onFields = mapIssues(serverError.issues);
    setErrors({ ...onFields, form: Object.keys(onFields).length > 0 ? '请按提示修改后再提交' : serverError.message });
  }, [serverError]);

  const update = (patch: Partial<EnterpriseFormValues>) => {
    setV((old) => {
      const next = { ...old, ...patch };
      onChange?.(next);
      return next;
    });
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as keyof EnterpriseFormValues];
      delete next.form;
      return next;
    });
  };

  const submit = () => {
    if (submitting) return;
    const { input, errors: found } = checkEnterpriseForm(v);
    setErrors(found);
    if (!input) {
      setTimeout(() => {
        try {
          void Promise.resolve(
            Taro.pageScrollTo({ selector: '.ent__form .field-error', offsetTop: -80, duration: 200 }),
          ).catch(() => undefined);
        } catch {
          // scrolling is a convenience only
        }
      }, 50);
      return;
    }
    onSubmit(input);
  };

  const fromMap = async () => {
    const point = await pickOnMap(v.location);
    if (point)
      update({
        location: {
          latitude: point.latitude,
          longitude: point.longitude,
          address: (point.address || v.address || '企业位置').slice(0, 120),
        },
        ...(point.address && !v.address ? { address: point.address.slice(0, 120) } : {}),
      });
  };

  const industry = industries.find((i) => i.id === v.industry);

  return (
    <View className="ent__form enterprise-form">
      <Field label="企业名称" required id="ent-name" error={errors.name}>
        {(control) => (
          <Input
            className="form-input enterprise-form__name"
            value={v.name}
            maxlength={60}
            placeholder="与营业执照一致"
            onInput={(e) => update({ name: e.detail.value })}
            {...control}
          />
        )}
      </Field>
      <Field
        label="统一社会信用代码"
        required
        id="ent-credit-code"
        hint="营业执照上的 18 位代码，如 91310113MA1GXXXXXX"
        error={errors.creditCode}
      >
        {(control) => (
          <Input
            className="form-input enterprise-form__credit-code"
            value={v.creditCode}
            maxlength={22}
            placeholder="18 位，见营业执照"
            onInput={(e) => update({ creditCode: normaliseCreditCode(e.detail.value) })}
            {...control}
          />
        )}
      </Field>

      <Text className="ent__group-label">
        行业<Text className="ui-field__required"> *</Text>
      </Text>
      <ChipGroup label="行业">
        {industries.map((i) => (
          <Chip key={i.id} active={v.industry === i.id} label={i.name} onClick={() => update({ industry: i.id })} />
        ))}
      </ChipGroup>
      {industry?.highRisk && (
        <View className="ent__badges">
          <Badge tone="danger">高危行业</Badge>
          <Text className="ent__hint">该行业按高危行业管理，镇安委办会重点关注。</Text>
        </View>
      )}
      <FieldError message={errors.industry} />

      <Text className="ent__group-label">
        所在居民区 / 村<Text className="ui-field__required"> *</Text>
      </Text>
      <ChipGroup label="所在居民区 / 村">
        {areas.map((a) => (
          <Chip key={a.id} active={v.areaId === a.id} label={a.name} onClick={() => update({ areaId: a.id })} />
        ))}
      </ChipGroup>
      <FieldError message={errors.areaId} />

      <Field label="地址" required id="ent-address" error={errors.address}>
        {(control) => (
          <Input
            className="form-input enterprise-form__address"
            value={v.address}
            maxlength={120}
            placeholder="如 长江西路 100 号"
            onInput={(e) => update({ address: e.detail.value })}
            {...control}
          />
        )}
      </Field>
      {process.env.TARO_ENV === 'weapp' && (
        <View className="ent__actions">
          <Button className="enterprise-form__map" onClick={() => void fromMap()}>
            {v.location ? '已选位置，重新选择' : '在地图上选择位置（选填）'}
          </Button>
        </View>
      )}

      <Field label="联系人姓名" required id="ent-contact-name" error={errors.contactName}>
        {(control) => (
          <Input
            className="form-input enterprise-form__contact-name"
            value={v.contactName}
            maxlength={20}
            placeholder="姓名"
            onInput={(e) => update({ contactName: e.detail.value })}
            {...control}
          />
        )}
      </Field>
      <Field label="联系人手机号" required id="ent-contact-phone" error={errors.contactPhone}>
        {(control) => (
          <Input
            className="form-input enterprise-form__contact-phone"
            type="number"
            value={v.contactPhone}
            maxlength={11}
            placeholder="11 位手机号"
            onInput={(e) => update({ contactPhone: e.detail.value })}
            {...control}
          />
        )}
      </Field>
      <Field label="从业人数" required id="ent-worker-count" hint="企业现有员工总数" error={errors.workerCount}>
        {(control) => (
          <Input
            className="form-input enterprise-form__worker-count"
            type="number"
            value={v.workerCount}
            maxlength={6}
            placeholder="如 35"
            onInput={(e) => update({ workerCount: e.detail.value.replace(/\D/g, '') })}
            {...control}
          />
        )}
      </Field>

      <View className="ent__footer">
        <FieldError message={errors.form} />
        {onCancel ? (
          <ButtonPair
            primary={submitLabel}
            onPrimary={submit}
            onCancel={onCancel}
            loading={submitting}
            loadingText="提交中…"
            primaryClassName="enterprise-form__submit"
          />
        ) : (
          <Button
            kind="primary"
            className="enterprise-form__submit"
            loading={submitting}
            loadingText="提交中…"
            onClick={submit}
          >
            {submitLabel}
          </Button>
        )}
      </View>
    </View>
  );
}
