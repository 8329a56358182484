import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { InviteResult, InviteRole } from '../../../types';
import { INVITE_ROLES, INVITE_ROLE_LABELS, InviteInput } from '../../../types/people';
import { QrCode } from '../../components/QrCode';
import { Button } from '../../components/ui/Button';
import { Chip, ChipGroup } from '../../components/ui/Chip';
import { Field } from '../../components/ui/Field';
import { useRemote } from '../../hooks/useRemote';
import { api } from '../../services/api';
import { asCloudError, issueMap, zodIssues } from '../../services/errors';
import { formatDate } from '../../services/format';
import '../../components/Form.css';
import '../office.css';

const forDepartment = (r: InviteRole) => r === 'staff' || r === 'head';
const forEnterprise = (r: InviteRole) => r === 'worker' || r === 'safetyManager';

/** The code in clear, once: large, with 复制 and a QR code for a notice board. */
export function InviteCodeShown({ result, onClose }: { result: InviteResult; onClose: () => void }) {
  return (
    <View className="office-code">
      <Text className="office-code__hint">邀请码只显示这一次，请现在复制或截图交给对方。</Text>
      <Text className="office-code__value">{result.code}</Text>
      <View className="office-code__qr">
        <QrCode text={result.code} size={200} label={`邀请码 ${result.code} 的二维码`} />
      </View>
      <Text className="office-code__hint">
        对方在小程序“我的”页面点“扫码填写”扫这个二维码，或输入邀请码。有效期至 {formatDate(result.expiresAt)}
      </Text>
      <View className="office-card__actions">
        <Button
          kind="primary"
          inline
          onClick={() =>
            void Taro.setClipboardData({ data: result.code }).then(() =>
              Taro.showToast({ title: '已复制', icon: 'success' }),
            )
          }
        >
          复制邀请码
        </Button>
        <Button inline onClick={onClose}>
          完成
        </Button>
      </View>
    </View>
  );
}

/** 发放邀请码: role, its department or enterprise, how many may use it, for how long, and a note. */
export function InviteForm({ onIssued }: { onIssued?: () => void }) {
  const [role, setRole] = useState<InviteRole>('staff');
  const [departmentId, setDepartmentId] = useState('');
  const [enterpriseId, setEnterpriseId] = useState('');
  const [uses, setUses] = useState('1');
  const [days, setDays] = useState('7');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<InviteResult>();
  const options = useRemote(() => api.tipoff.options(), []);
  const enterprises = useRemote(
    () =>
      forEnterprise(role)
        ? api.enterprise.list({ status: 'active', page: 1, pageSize: 50 })
        : Promise.resolve(undefined),
    [forEnterprise(role)],
  );
  const departments = (options.data?.departments ?? []).filter((d) => d.code !== 'AWB');

  const submit = async () => {
    const input = {
      role,
      ...(forDepartment(role) && departmentId ? { departmentId } : {}),
      ...(forEnterprise(role) && enterpriseId ? { enterpriseId } : {}),
      uses: Number(uses),
      expiresInDays: Number(days),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const local: Record<string, string> = {};
    if (forDepartment(role) && !departmentId) local.departmentId = '请选择部门';
    if (role === 'worker' && !enterpriseId) local.enterpriseId = '请选择企业';
    const parsed = InviteInput.safeParse(input);
    if (!parsed.success) Object.assign(local, { ...issueMap(zodIssues(parsed.error.issues)), ...local });
    if (!uses.trim() || Number.isNaN(Number(uses))) local.uses = '请填写可使用次数';
    if (!days.trim() || Number.isNaN(Number(days))) local.expiresInDays = '请填写有效天数';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      setResult(await api.people.invite(input));
      setNote('');
      onIssued?.();
    } catch (e) {
      const err = asCloudError(e, '发放失败，请重试');
      const fields = issueMap(err.issues);
      setErrors(Object.keys(fields).length ? fields : { form: err.message });
    } finally {
      setBusy(false);
    }
  };

  if (result) return <InviteCodeShown result={result} onClose={() => setResult(undefined)} />;

  return (
    <View className="office-invite-form">
      <Text className="office-filter-label">身份</Text>
      <ChipGroup label="邀请码授予的身份">
        {INVITE_ROLES.map((r) => (
          <Chip key={r} active={role === r} label={INVITE_ROLE_LABELS[r]} onClick={() => setRole(r)} />
        ))}
      </ChipGroup>
      {forDepartment(role) && (
        <>
          <Text className="office-filter-label">部门 *</Text>
          <ChipGroup label="部门">
            {departments.map((d) => (
              <Chip key={d.id} active={departmentId === d.id} label={d.name} onClick={() => setDepartmentId(d.id)} />
            ))}
          </ChipGroup>
          {options.error && <Text className="office-error">{options.error.message}</Text>}
          {errors.departmentId && <Text className="office-error">{errors.departmentId}</Text>}
        </>
      )}
      {forEnterprise(role) && (
        <>
          <Text className="office-filter-label">企业{role === 'worker' ? ' *' : '（不选则由对方登记新企业）'}</Text>
          <ChipGroup label="企业">
            {(enterprises.data?.items ?? []).map((e) => (
              <Chip
                key={e.id}
                active={enterpriseId === e.id}
                label={e.name}
                onClick={() => setEnterpriseId(enterpriseId === e.id ? '' : e.id)}
              />
            ))}
          </ChipGroup>
          {enterprises.data && enterprises.data.items.length === 0 && (
            <Text className="office-card__meta">还没有已登记的企业</Text>
          )}
          {enterprises.error && <Text className="office-error">{enterprises.error.message}</Text>}
          {errors.enterpriseId && <Text className="office-error">{errors.enterpriseId}</Text>}
        </>
      )}
      <Field label="可使用人数" required error={errors.uses} hint="发给一个人填 1；贴在公告栏给多人用可填更多">
        {(control) => (
          <Input
            className="form-input"
            type="number"
            value={uses}
            maxlength={3}
            placeholder="1"
            onInput={(e) => setUses(e.detail.value)}
            {...control}
          />
        )}
      </Field>
      <Field label="有效天数" required error={errors.expiresInDays} hint="1 到 90 天">
        {(control) => (
          <Input
            className="form-input"
            type="number"
            value={days}
            maxlength={2}
            placeholder="7"
            onInput={(e) => setDays(e.detail.value)}
            {...control}
          />
        )}
      </Field>
      <Field label="备注" error={errors.note} hint="只有发放人看得到，例如对方姓名">
        {(control) => (
          <Input
            className="form-input"
            value={note}
            maxlength={40}
            placeholder="选填"
            onInput={(e) => setNote(e.detail.value)}
            {...control}
          />
        )}
      </Field>
      {errors.form && <Text className="office-error">{errors.form}</Text>}
      <Button kind="primary" loading={busy} loadingText="发放中…" onClick={() => void submit()}>
        发放邀请码
      </Button>
    </View>
  );
}
