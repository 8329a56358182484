import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { InviteSummary, PersonSummary, Role } from '../../../../types';
import { INVITE_STATE_LABELS, ROLE_LABELS, RevokeRoleInput } from '../../../../types/people';
import { ListFooter } from '../../../components/ListFooter';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Chip, ChipGroup } from '../../../components/ui/Chip';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { a11y, pressable } from '../../../components/ui/a11y';
import { Empty, ErrorState, Loading } from '../../../components/ui/States';
import { usePaged, type Paged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError, issueMap, zodIssues } from '../../../services/errors';
import { formatDate } from '../../../services/format';
import { InviteForm } from '../../components/InviteForm';
import { useCanAct } from '../../components/useCanAct';
import '../../../components/Form.css';
import '../../office.css';

const OFFICE_ROLES = ['admin', 'leader'] as const;

type GrantedRole = Exclude<Role, 'resident'>;
const FILTER_ROLES: GrantedRole[] = ['staff', 'head', 'admin', 'leader', 'safetyManager', 'worker'];

/** The roles a card offers to revoke: a manager also holds `worker`, shown (and revoked) as 企业安全管理人员 only. */
const revocable = (p: PersonSummary) =>
  FILTER_ROLES.filter((r) => p.roles.includes(r)).filter((r) => !(r === 'worker' && p.roles.includes('safetyManager')));

/** What the person is tied to; a manager whose free code has not registered an enterprise yet says so. */
function tiedTo(p: PersonSummary): string {
  const names = [p.departmentName, p.enterpriseName].filter(Boolean).join(' · ');
  if (names) return names;
  return p.roles.includes('safetyManager') ? '尚未登记企业' : '未关联部门或企业';
}

function List<T>({ list, empty, children }: { list: Paged<T>; empty: string; children: (item: T) => JSX.Element }) {
  if (list.items.length === 0) {
    if (list.error) return <ErrorState message={list.error.message} onRetry={list.reload} />;
    if (list.loading) return <Loading />;
    return <Empty text={empty} />;
  }
  return (
    <>
      <Text className="office-total">共 {list.total} 条</Text>
      {list.items.map(children)}
      <ListFooter list={list} />
    </>
  );
}

/** 撤销身份: says what happens and asks why; the person keeps 居民 and loses the role on their next call. */
function RevokeDialog({
  target,
  onDone,
  onCancel,
}: {
  target: { person: PersonSummary; role: GrantedRole } | undefined;
  onDone: (updated: PersonSummary) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!target) return null;
  const label = ROLE_LABELS[target.role];
  const confirm = async () => {
    const input = { id: target.person.id, role: target.role, reason: reason.trim() };
    const parsed = RevokeRoleInput.safeParse(input);
    if (!parsed.success) {
      setError(issueMap(zodIssues(parsed.error.issues)).reason ?? '请填写原因');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const updated = await api.people.revoke(input);
      setReason('');
      onDone(updated);
    } catch (e) {
      setError(asCloudError(e, '撤销失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      danger
      title={`撤销${target.person.name}的「${label}」身份？`}
      consequence={`撤销后，${target.person.name}下次操作时即失去「${label}」的权限，无法撤回；如需恢复，须重新发放邀请码。`}
      confirmText="确认撤销"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={() => {
        setReason('');
        setError('');
        onCancel();
      }}
    >
      <Field label="撤销原因" required error={error} id="office-revoke-reason">
        {(control) => (
          <Input
            className="form-input"
            value={reason}
            maxlength={100}
            placeholder="例如：已调离本部门"
            onInput={(e) => setReason(e.detail.value)}
            {...control}
          />
        )}
      </Field>
    </Dialog>
  );
}

function People() {
  const canAct = useCanAct();
  const [role, setRole] = useState<GrantedRole>();
  const [departmentId, setDepartmentId] = useState<string>();
  const [enterpriseId, setEnterpriseId] = useState<string>();
  const [target, setTarget] = useState<{ person: PersonSummary; role: GrantedRole }>();
  const [moreFilters, setMoreFilters] = useState(false);
  const options = useRemote(() => api.tipoff.options(), []);
  const enterprises = useRemote(() => api.enterprise.list({ status: 'active', page: 1, pageSize: 50 }), []);
  const people = usePaged<PersonSummary>(
    (page) =>
      api.people.list({
        page,
        pageSize: 20,
        ...(role ? { role } : {}),
        ...(departmentId ? { departmentId } : {}),
        ...(enterpriseId ? { enterpriseId } : {}),
      }),
    [role, departmentId, enterpriseId],
  );
  const departments = options.data?.departments ?? [];
  const enterpriseList = enterprises.data?.items ?? [];

  return (
    <View className="office-people">
      <View className="office-section">
        <Text className="office-filter-label">身份</Text>
        <ChipGroup label="按身份筛选">
          <Chip active={!role} label="全部" onClick={() => setRole(undefined)} />
          {FILTER_ROLES.map((r) => (
            <Chip key={r} active={role === r} label={ROLE_LABELS[r]} onClick={() => setRole(r)} />
          ))}
        </ChipGroup>
        {!moreFilters && !departmentId && !enterpriseId && (
          <Button inline className="office-more-filters" onClick={() => setMoreFilters(true)}>
            按部门、企业筛选
          </Button>
        )}
        {(moreFilters || !!departmentId || !!enterpriseId) && departments.length > 0 && (
          <>
            <Text className="office-filter-label">部门</Text>
            <ChipGroup label="按部门筛选">
              <Chip active={!departmentId} label="全部部门" onClick={() => setDepartmentId(undefined)} />
              {departments.map((d) => (
                <Chip
                  key={d.id}
                  active={departmentId === d.id}
                  label={d.name}
                  onClick={() => {
                    setDepartmentId(d.id);
                    setEnterpriseId(undefined);
                  }}
                />
              ))}
            </ChipGroup>
          </>
        )}
        {(moreFilters || !!departmentId || !!enterpriseId) && enterpriseList.length > 0 && (
          <>
            <Text className="office-filter-label">企业</Text>
            <ChipGroup label="按企业筛选">
              <Chip active={!enterpriseId} label="全部企业" onClick={() => setEnterpriseId(undefined)} />
              {enterpriseList.map((e) => (
                <Chip
                  key={e.id}
                  active={enterpriseId === e.id}
                  label={e.name}
                  onClick={() => {
                    setEnterpriseId(e.id);
                    setDepartmentId(undefined);
                  }}
                />
              ))}
            </ChipGroup>
          </>
        )}
        <List list={people} empty="没有符合条件的人员">
          {(p) => (
            <View key={p.id} className="office-card office-person">
              <View className="office-card__row">
                <Text className="office-card__title">{p.name}</Text>
                <Text className="office-card__meta">{p.roleLabels.join('、')}</Text>
              </View>
              <Text className="office-card__meta">
                {tiedTo(p)}
                {` · ${formatDate(p.since)} 起`}
              </Text>
              <View className="office-card__actions">
                {(canAct ? revocable(p) : []).map((r) => (
                  <Button key={r} inline kind="default" onClick={() => setTarget({ person: p, role: r })}>
                    撤销{ROLE_LABELS[r]}
                  </Button>
                ))}
              </View>
            </View>
          )}
        </List>
      </View>
      <RevokeDialog
        target={target}
        onCancel={() => setTarget(undefined)}
        onDone={(updated) => {
          setTarget(undefined);
          people.setItems((items) => items.map((x) => (x.id === updated.id ? updated : x)));
        }}
      />
    </View>
  );
}

const STATE_TONES: Record<InviteSummary['state'], BadgeTone> = {
  active: 'success',
  expired: 'neutral',
  usedUp: 'info',
  revoked: 'danger',
};

const INVITE_STATES: InviteSummary['state'][] = ['active', 'expired', 'usedUp', 'revoked'];

function Invites() {
  const [shown, setShown] = useState(0);
  const [state, setState] = useState<InviteSummary['state']>();
  const [target, setTarget] = useState<InviteSummary>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const invites = usePaged<InviteSummary>(
    (page) => api.people.invites({ page, pageSize: 20, ...(state ? { state } : {}) }),
    [shown, state],
  );

  const revoke = async () => {
    if (!target) return;
    setBusy(true);
    setError('');
    try {
      await api.people.revokeInvite(target.id);
      setTarget(undefined);
      invites.setItems((items) => items.map((x) => (x.id === target.id ? { ...x, state: 'revoked' } : x)));
    } catch (e) {
      setError(asCloudError(e, '作废失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <View className="office-section">
        <Text className="office-section__title">发放邀请码</Text>
        <InviteForm onIssued={() => setShown((n) => n + 1)} />
      </View>
      <View className="office-section">
        <Text className="office-section__title">已发放的邀请码</Text>
        <ChipGroup label="按状态筛选邀请码">
          <Chip active={!state} label="全部" onClick={() => setState(undefined)} />
          {INVITE_STATES.map((st) => (
            <Chip key={st} active={state === st} label={INVITE_STATE_LABELS[st]} onClick={() => setState(st)} />
          ))}
        </ChipGroup>
        <List list={invites} empty="还没有发放过邀请码">
          {(i) => (
            <View key={i.id} className="office-card office-invite">
              <View className="office-card__row">
                <Text className="office-card__title">{i.roleLabel}</Text>
                <Badge tone={STATE_TONES[i.state]}>{INVITE_STATE_LABELS[i.state]}</Badge>
              </View>
              <Text className="office-card__meta">
                {[i.departmentName, i.enterpriseName, i.note].filter(Boolean).join(' · ') || '—'}
              </Text>
              <Text className="office-card__meta">
                尾号 …{i.codeHint} · 已用 {i.used}/{i.uses} · {formatDate(i.expiresAt)} 到期 · {i.createdByName} 发放
              </Text>
              {i.state === 'active' && (
                <View className="office-card__actions">
                  <Button inline kind="default" onClick={() => setTarget(i)}>
                    作废
                  </Button>
                </View>
              )}
            </View>
          )}
        </List>
      </View>
      <Dialog
        open={!!target}
        danger
        title="作废这个邀请码？"
        consequence="作废后这个邀请码不能再使用，无法恢复；已用它绑定的人不受影响。"
        confirmText="确认作废"
        busy={busy}
        onConfirm={() => void revoke()}
        onCancel={() => {
          setTarget(undefined);
          setError('');
        }}
      >
        {error && <Text className="office-error">{error}</Text>}
      </Dialog>
    </>
  );
}

type Tab = 'people' | 'invites';
const TAB_LABELS: Record<Tab, string> = { people: '人员', invites: '发放邀请码' };

/**
 * 安委办：人员与邀请码. For 经办人 two tabs at the top — 人员 (the list, often 30+ cards) and 发放邀请码 (the form,
 * then the codes issued) — so issuing a code never means scrolling past the list; `?tab=invites` opens the
 * second. A leader only reads the people list: no tabs.
 */
function PeopleAndInvites() {
  const canAct = useCanAct();
  const params = useRouter().params;
  const [tab, setTab] = useState<Tab>(params.tab === 'invites' ? 'invites' : 'people');
  return (
    <>
      {canAct && (
        <View className="office-tabs" {...a11y({ role: 'tablist', label: '人员与邀请码' })}>
          {(['people', 'invites'] as const).map((t) => (
            <View
              key={t}
              className={`office-tab office-tab-${t} ${t === tab ? 'office-tab--active' : ''}`}
              {...a11y({ role: 'tab', selected: t === tab })}
              {...pressable(() => setTab(t))}
            >
              {TAB_LABELS[t]}
            </View>
          ))}
        </View>
      )}
      {canAct && tab === 'invites' ? <Invites /> : <People />}
    </>
  );
}

export default function OfficePeoplePage() {
  return (
    <RoleGate roles={OFFICE_ROLES} who="office">
      <Shell className="office">
        <PeopleAndInvites />
      </Shell>
    </RoleGate>
  );
}
