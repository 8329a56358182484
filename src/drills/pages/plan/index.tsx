import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { LoginResult } from '../../../../types';
import {
  CreateDrillInput,
  DRILL_RADIUS_MAX_M,
  DRILL_RADIUS_MIN_M,
  DRILL_TYPE_LABELS,
  DRILL_TYPES,
  type DrillAudience,
  type DrillType,
} from '../../../../types/drill';
import { Button, ButtonPair, Chip, ChipGroup, Field } from '../../../components/ui';
import { DatePicker } from '../../../components/ui/DatePicker';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError, issueMap, zodIssues } from '../../../services/errors';
import { townToday } from '../../../services/format';
import { goBack, goTo } from '../../../services/navigate';
import { pickOnMap } from '../../../pages/report/location';
import { locate } from '../../checkin';
import { DrillGate } from '../../components/DrillGate';
import { scrollToFirstError } from '../../components/scroll';
import { TimePicker } from '../../components/TimePicker';
import { PLAN_ROLES, detailUrl, townIso } from '../../components/words';

const RADII = [50, 100, 200] as const;
type Radius = (typeof RADII)[number] | 'custom';

interface Form {
  title: string;
  type?: DrillType;
  date: string;
  start: string;
  end: string;
  address: string;
  point?: { latitude: number; longitude: number };
  radius: Radius;
  customRadius: string;
  audience: DrillAudience;
  expected: string;
  commander: string;
  scenario: string;
}

type Errors = Partial<
  Record<
    'title' | 'type' | 'when' | 'location' | 'radiusM' | 'expectedCount' | 'commander' | 'scenario' | 'form',
    string
  >
>;

/** The server's or zod's field names → the form's. */
const FIELD_OF: Record<string, keyof Errors> = {
  title: 'title',
  type: 'type',
  startAt: 'when',
  endAt: 'when',
  location: 'location',
  radiusM: 'radiusM',
  audience: 'expectedCount',
  expectedCount: 'expectedCount',
  commander: 'commander',
  scenario: 'scenario',
};

export function toErrors(map: Record<string, string>): Errors {
  const out: Errors = {};
  for (const [k, v] of Object.entries(map)) {
    const field = FIELD_OF[k] ?? 'form';
    out[field] ??= v;
  }
  return out;
}

/** The form as the contract's input, with the checks zod cannot make (a chosen time, a point, not in the past). */
export function buildInput(f: Form, now = Date.now()): { input?: CreateDrillInput; errors: Errors } {
  const errors: Errors = {};
  if (!f.date || !f.start || !f.end) errors.when = '请选择演练日期、开始时间和结束时间';
  else if (Date.parse(townIso(f.date, f.start)) < now) errors.when = '开始时间已经过去，请重新选择';
  if (!f.point) errors.location = f.address.trim() ? '请定位集合点：在地图上选点或使用当前位置' : '请填写集合点并定位';
  const radiusM = f.radius === 'custom' ? Number(f.customRadius.trim()) : f.radius;
  if (f.radius === 'custom' && !f.customRadius.trim()) errors.radiusM = '请填写签到范围（米）';
  const expected = f.expected.trim();
  const input = {
    title: f.title,
    type: f.type as DrillType,
    startAt: townIso(f.date || townToday(), f.start || '00:00'),
    endAt: townIso(f.date || townToday(), f.end || '00:00'),
    location: {
      latitude: f.point?.latitude ?? 0,
      longitude: f.point?.longitude ?? 0,
      address: f.address,
    },
    radiusM,
    audience: f.audience,
    ...(f.audience === 'open' && expected ? { expectedCount: Number(expected) } : {}),
    commander: f.commander,
    ...(f.scenario.trim() ? { scenario: f.scenario } : {}),
  };
  if (f.audience === 'open' && expected && !/^\d+$/.test(expected)) errors.expectedCount = '预计人数请填写整数';
  const parsed = CreateDrillInput.safeParse(input);
  if (!parsed.success) {
    const zodErrors = toErrors(issueMap(zodIssues(parsed.error.issues)));
    for (const [k, v] of Object.entries(zodErrors) as [keyof Errors, string][]) errors[k] ??= v;
  }
  return Object.keys(errors).length ? { errors } : { input, errors };
}

function PlanForm({ session }: { session: LoginResult }) {
  const town = session.roles.includes('admin') && !session.roles.includes('safetyManager');
  const [f, setF] = useState<Form>({
    title: '',
    date: townToday(),
    start: '',
    end: '',
    address: '',
    radius: 100,
    customRadius: '',
    audience: town ? 'open' : 'workers',
    expected: '',
    commander: '',
    scenario: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const enterprise = useRemote(
    () => (session.enterpriseId && !town ? api.enterprise.detail() : Promise.resolve(undefined)),
    [session.enterpriseId, town],
  );
  const update = (patch: Partial<Form>, clear?: keyof Errors) => {
    setF((old) => ({ ...old, ...patch }));
    if (clear) setErrors((e) => ({ ...e, [clear]: undefined, form: undefined }));
  };
  const registered = enterprise.data?.location;

  const submit = async () => {
    const { input, errors: found } = buildInput(f);
    if (!input) {
      setErrors(found);
      scrollToFirstError('.drill-plan');
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const { id } = await api.drill.create(input);
      void goTo(detailUrl(id), { replace: true });
    } catch (e) {
      const err = asCloudError(e, '保存失败，请重试');
      const mapped = err.issues.length ? toErrors(issueMap(err.issues)) : {};
      setErrors(Object.keys(mapped).length ? mapped : { form: err.message });
      scrollToFirstError('.drill-plan');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="drill-plan">
      <View className="drills__section">
        <Text className="drills__title">计划一场演练</Text>
        <Text className="drills__meta">
          {town
            ? '全镇公开演练：居民到集合点扫码签到。'
            : '本企业演练：已加入本企业的员工会被计入应到人数，到集合点扫码签到。'}
        </Text>
        <Field label="演练名称" required error={errors.title} className="drills__field">
          {(control) => (
            <Input
              className="form-input drills__input drill-plan__title"
              value={f.title}
              maxlength={40}
              placeholder="如：2026 年冬季消防疏散演练"
              onInput={(e) => update({ title: e.detail.value }, 'title')}
              {...control}
            />
          )}
        </Field>
        <Field label="演练类型" required error={errors.type} className="drills__field">
          {(control) => (
            <ChipGroup label="演练类型" control={control} className="drill-plan__types">
              {DRILL_TYPES.map((t) => (
                <Chip
                  key={t}
                  active={f.type === t}
                  label={DRILL_TYPE_LABELS[t]}
                  onClick={() => update({ type: t }, 'type')}
                />
              ))}
            </ChipGroup>
          )}
        </Field>
        <Field
          label="演练时间"
          required
          hint="开始前 15 分钟起可以签到，结束时间后不能再签到"
          error={errors.when}
          className="drills__field"
        >
          <View className="drills__row">
            <DatePicker
              label="演练日期"
              value={f.date}
              start={townToday()}
              onChange={(date) => update({ date }, 'when')}
            />
          </View>
          <View className="drills__row">
            <Text className="drills__meta">开始</Text>
            <TimePicker label="开始时间" value={f.start} onChange={(start) => update({ start }, 'when')} />
          </View>
          <View className="drills__row">
            <Text className="drills__meta">结束</Text>
            <TimePicker label="结束时间" value={f.end} onChange={(end) => update({ end }, 'when')} />
          </View>
        </Field>
      </View>

      <View className="drills__section">
        <Text className="drills__title">集合点</Text>
        <Field label="集合点地址" required error={errors.location} className="drills__field">
          {(control) => (
            <Input
              className="form-input drills__input drill-plan__address"
              value={f.address}
              maxlength={120}
              placeholder="如：厂区东门外空地"
              onInput={(e) => update({ address: e.detail.value }, 'location')}
              {...control}
            />
          )}
        </Field>
        <View className="drills__actions">
          {process.env.TARO_ENV === 'weapp' && (
            <Button
              inline
              className="drill-plan__map"
              onClick={async () => {
                const p = await pickOnMap(f.point);
                if (p)
                  update(
                    {
                      point: { latitude: p.latitude, longitude: p.longitude },
                      ...(p.address && !f.address.trim() ? { address: p.address.slice(0, 120) } : {}),
                    },
                    'location',
                  );
              }}
            >
              在地图上选点
            </Button>
          )}
          <Button
            inline
            className="drill-plan__gps"
            onClick={async () => {
              // locate(): on h5 the browser's WGS-84 converted to GCJ-02 (Taro h5 refuses type gcj02).
              const p = await locate();
              if (p.ok) update({ point: { latitude: p.fix.latitude, longitude: p.fix.longitude } }, 'location');
              else
                setErrors((e) => ({
                  ...e,
                  location:
                    p.reason === 'denied'
                      ? '没有位置权限：请在设置中允许使用位置信息，或使用本企业登记的位置'
                      : '定位失败，请到开阔处重试',
                }));
            }}
          >
            使用当前位置
          </Button>
          {registered && (
            <Button
              inline
              className="drill-plan__registered"
              onClick={() =>
                update(
                  {
                    point: { latitude: registered.latitude, longitude: registered.longitude },
                    ...(f.address.trim() ? {} : { address: registered.address }),
                  },
                  'location',
                )
              }
            >
              使用本企业登记的位置
            </Button>
          )}
        </View>
        <Text className={f.point ? 'drill-plan__point' : 'drills__meta'}>
          {f.point ? '已定位集合点。签到时按这个位置计算距离。' : '还没有定位集合点。'}
        </Text>
        <Field
          label="签到范围"
          required
          hint="参加人员须在集合点这个距离以内才能签到"
          error={errors.radiusM}
          className="drills__field"
        >
          {(control) => (
            <ChipGroup label="签到范围" control={control} className="drill-plan__radius">
              {RADII.map((r) => (
                <Chip
                  key={r}
                  active={f.radius === r}
                  label={`${r} 米`}
                  onClick={() => update({ radius: r }, 'radiusM')}
                />
              ))}
              <Chip
                active={f.radius === 'custom'}
                label="自定义"
                onClick={() => update({ radius: 'custom' }, 'radiusM')}
              />
            </ChipGroup>
          )}
        </Field>
        {f.radius === 'custom' && (
          <Field label={`自定义范围（${DRILL_RADIUS_MIN_M}—${DRILL_RADIUS_MAX_M} 米）`} className="drills__field">
            {(control) => (
              <Input
                className="form-input drills__input drill-plan__custom-radius"
                type="number"
                value={f.customRadius}
                maxlength={4}
                placeholder="米"
                onInput={(e) => update({ customRadius: e.detail.value }, 'radiusM')}
                {...control}
              />
            )}
          </Field>
        )}
      </View>

      <View className="drills__section">
        <Text className="drills__title">参加人员</Text>
        {town ? (
          <Text className="drills__line">公开演练：任何人到现场都可以扫码签到。</Text>
        ) : (
          <Field label="参加对象" required className="drills__field">
            {(control) => (
              <ChipGroup label="参加对象" control={control} className="drill-plan__audience">
                <Chip
                  active={f.audience === 'workers'}
                  label="本企业员工"
                  onClick={() => update({ audience: 'workers' }, 'expectedCount')}
                />
                <Chip
                  active={f.audience === 'open'}
                  label="公开（任何人）"
                  onClick={() => update({ audience: 'open' }, 'expectedCount')}
                />
              </ChipGroup>
            )}
          </Field>
        )}
        {f.audience === 'open' ? (
          <Field label="预计参加人数" required error={errors.expectedCount} className="drills__field">
            {(control) => (
              <Input
                className="form-input drills__input drill-plan__expected"
                type="number"
                value={f.expected}
                maxlength={6}
                placeholder="人"
                onInput={(e) => update({ expected: e.detail.value }, 'expectedCount')}
                {...control}
              />
            )}
          </Field>
        ) : (
          <Text className="drills__meta">应到人数 = 本企业已加入的员工人数；其他人也可以签到，单独标出。</Text>
        )}
        <Field label="总指挥" required error={errors.commander} className="drills__field">
          {(control) => (
            <Input
              className="form-input drills__input drill-plan__commander"
              value={f.commander}
              maxlength={20}
              placeholder="姓名"
              onInput={(e) => update({ commander: e.detail.value }, 'commander')}
              {...control}
            />
          )}
        </Field>
        <Field
          label="演练情景（选填）"
          hint="如：二楼仓库起火，烟雾蔓延到楼梯间"
          error={errors.scenario}
          className="drills__field"
        >
          {(control) => (
            <Textarea
              className="form-textarea drills__textarea drill-plan__scenario"
              value={f.scenario}
              maxlength={500}
              onInput={(e) => update({ scenario: e.detail.value }, 'scenario')}
              {...control}
            />
          )}
        </Field>
      </View>
      {errors.form && <Text className="drills__notice drills__notice--danger field-error">{errors.form}</Text>}
      <View className="drills__section">
        <ButtonPair
          primary="保存演练计划"
          primaryClassName="drill-plan__submit"
          loading={busy}
          loadingText="正在保存…"
          onPrimary={() => void submit()}
          onCancel={() => void goBack()}
        />
      </View>
    </View>
  );
}

/** 计划演练 (safety manager: the enterprise's drill; 安委办: a town drill open to residents). */
export default function DrillPlanPage() {
  return (
    <DrillGate roles={PLAN_ROLES} text="此页面仅供企业安全管理人员和镇安委办使用">
      {(session) =>
        session.roles.includes('admin') || session.enterpriseId ? (
          <PlanForm session={session} />
        ) : (
          <View className="drills__section">
            <Text className="drills__title">您还没有登记企业</Text>
            <Text className="drills__line">登记企业并经镇安委办审核通过后，才能组织本企业的演练。</Text>
          </View>
        )
      }
    </DrillGate>
  );
}
