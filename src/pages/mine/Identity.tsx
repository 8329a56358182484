import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { LoginResult, Role } from '../../../types';
import { BindInput, INVITE_ROLE_LABELS, InviteCode, ROLE_LABELS } from '../../../types/people';
import { Button } from '../../components/ui/Button';
import { Field } from '../../components/ui/Field';
import { Loading, ErrorState } from '../../components/ui/States';
import { a11y, pressable } from '../../components/ui/a11y';
import { useRemote } from '../../hooks/useRemote';
import { api } from '../../services/api';
import { asCloudError, issueMap, zodIssues } from '../../services/errors';
import '../../components/Form.css';

/** Roles from most to least powerful; `resident` is only named when a person holds nothing else. */
const ORDER: Role[] = ['leader', 'admin', 'head', 'staff', 'safetyManager', 'worker', 'resident'];

export function roleWords(roles: Role[]): string[] {
  const held = ORDER.filter((r) => roles.includes(r));
  const beyond = held.filter((r) => r !== 'resident');
  // A head is also staff, a leader also admin/head/staff, a manager also a worker: name the highest of each line.
  const shown = beyond.filter(
    (r) =>
      !(r === 'staff' && (held.includes('head') || held.includes('admin') || held.includes('leader'))) &&
      !(r === 'head' && held.includes('leader')) &&
      !(r === 'admin' && held.includes('leader')) &&
      !(r === 'worker' && held.includes('safetyManager')),
  );
  return (shown.length ? shown : ['resident' as Role]).map((r) => ROLE_LABELS[r]);
}

export interface Entry {
  title: string;
  text: string;
  url: string;
}

/** The pages a person's roles open, in the order they are likely to need them. */
export function entriesFor(s: LoginResult): Entry[] {
  const has = (r: Role) => s.roles.includes(r);
  const out: Entry[] = [];
  if (has('admin') || has('leader')) {
    out.push({
      title: '安委办：数据看板',
      text: '全镇举报、整改、超期、重大隐患、奖励、培训和演练情况，按月、季、年查看',
      url: '/office/pages/dashboard/index',
    });
    out.push({
      title: '安委办：月度报表',
      text: '每月 23 日前报送的工作情况表（Excel），生成和下载',
      url: '/office/pages/monthly/index',
    });
    out.push({
      title: '安委办：人员与邀请码',
      text: '查看各部门、企业人员，发放和作废邀请码',
      url: '/office/pages/people/index',
    });
    out.push({
      title: '安委办：企业名录',
      text: '审核企业登记，调整高危，查看内部报告数量',
      url: '/office/pages/enterprises/index',
    });
    out.push({
      title: '安委办：演练与自查',
      text: '哪些企业的应急演练、重大隐患自查超期或即将到期',
      url: '/office/pages/compliance/index',
    });
    out.push({
      title: '安委办：举报奖励',
      text: has('leader') ? '审批举报奖励，查看奖励标准' : '核定、发放举报奖励，维护奖励标准',
      url: '/office/pages/rewards/index',
    });
    out.push({
      title: '安委办：培训考核',
      text: has('leader') ? '各企业参训、合格情况和题目统计' : '发布考试，查看各企业参训情况和题目统计',
      url: '/office/pages/training/index',
    });
    out.push({
      title: '安委办：题库管理',
      text: has('admin') ? '修改、停用题目，导入导出 Excel 题库' : '查看培训题库，导出 Excel',
      url: '/office/pages/question-bank/index',
    });
    out.push({
      title: '安委办：操作日志',
      text: '谁在何时做了什么，按人员、操作、案件和日期查找；查看举报人身份的记录醒目标出',
      url: '/office/pages/audits/index',
    });
    out.push({
      title: '安委办：系统配置',
      text: has('admin')
        ? '部门、居民区和村、隐患类别、分派规则、办理时限、屏蔽词'
        : '查看部门、分派规则、办理时限等配置及修改记录',
      url: '/office/pages/config/index',
    });
    out.push({
      title: '安委办：曝光台',
      text: '公开曝光的超期案件和挂牌督办的重大隐患；撤下须安委办决定',
      url: '/office/pages/exposure/index',
    });
  }
  if (has('leader')) {
    out.push({
      title: '领奖人信息查看记录',
      text: '谁在何时、为哪件举报、因何查看了领奖人信息',
      url: '/office/pages/identity-reads/index',
    });
  }
  if ((has('staff') || has('head')) && !has('admin') && !has('leader')) {
    out.push({ title: '本部门数据', text: '本部门举报、核查、整改、超期情况', url: '/office/pages/dashboard/index' });
  }
  if (has('staff') || has('head') || has('admin')) {
    out.push({ title: '部门工作台', text: '待受理、办理中和待销号的举报', url: '/staff/pages/queue/index' });
  }
  if (has('safetyManager')) {
    out.push(
      s.enterpriseId
        ? { title: '企业安全管理', text: '本企业人员、加入申请和内部隐患报告', url: '/enterprise/pages/desk/index' }
        : { title: '登记企业', text: '登记本企业，镇安委办审核后即可使用', url: '/enterprise/pages/register/index' },
    );
  }
  if (has('worker') && s.enterpriseId) {
    out.push({
      title: '我的企业内部报告',
      text: '向本企业报告隐患，查看处理进度',
      url: '/enterprise/pages/my-reports/index',
    });
  }
  return out;
}

/** 我的身份: roles in plain words, the department or enterprise, and the pages those roles open. */
export function IdentityCard({ session }: { session: LoginResult }) {
  const inEnterprise = !!session.enterpriseId && session.roles.some((r) => r === 'worker' || r === 'safetyManager');
  const enterprise = useRemote(
    () => (inEnterprise ? api.enterprise.detail() : Promise.resolve(undefined)),
    [inEnterprise, session.enterpriseId],
  );
  const entries = entriesFor(session);
  return (
    <View className="mine__setting mine__identity">
      <Text className="mine__setting-title">我的身份</Text>
      {session.displayName && <Text className="mine__identity-line">姓名：{session.displayName}</Text>}
      <Text className="mine__identity-line mine__identity-roles">身份：{roleWords(session.roles).join('、')}</Text>
      {session.departmentName && <Text className="mine__identity-line">所在部门：{session.departmentName}</Text>}
      {inEnterprise && enterprise.data && <Text className="mine__identity-line">所在企业：{enterprise.data.name}</Text>}
      {entries.map((e) => (
        <View
          key={e.url}
          className="mine__entry"
          {...a11y({ role: 'link' })}
          {...pressable(() => void Taro.navigateTo({ url: e.url }))}
        >
          <Text className="mine__entry-title">{e.title} ›</Text>
          <Text className="mine__entry-text">{e.text}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * The invite code in a scanned or linked text: a link's `code=` parameter (`…/pages/mine/index?code=ABCD-EFGH`),
 * otherwise the text itself (the QR codes on the desk and the office's invite result hold the plain code, which
 * WeChat's own scanner shows as text). Undefined when it is no invite code.
 */
export function inviteCodeIn(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let raw = text.trim();
  const param = /[?&#]code=([^&#\s]*)/i.exec(raw);
  if (param) {
    try {
      raw = decodeURIComponent(param[1].replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  }
  raw = raw.trim().toUpperCase();
  return InviteCode.safeParse(raw).success ? raw : undefined;
}

/** Mini-programs only: WeChat's scanner (h5 has none; there a phone's camera opens a link with `?code=`). */
const CAN_SCAN = process.env.TARO_ENV !== 'h5';

/**
 * 输入邀请码: the code (8 characters, dashes and spaces welcome) and the name the department or enterprise sees.
 * `initialCode` (from 我的's `?code=`) opens the fields with it filled; 扫码填写 (weapp) reads it from a QR code.
 */
export function BindForm({
  defaultName = '',
  initialCode,
  onBound,
}: {
  defaultName?: string;
  initialCode?: string;
  onBound: () => void;
}) {
  const [code, setCode] = useState(initialCode ?? '');
  const [name, setName] = useState(defaultName);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ title: string; text?: string }>();
  // Most residents never get a code: the fields open on a tap (or with a code from a link), so the card stays small.
  const [open, setOpen] = useState(!!initialCode);
  useEffect(() => {
    if (!initialCode) return;
    setCode(initialCode);
    setOpen(true);
  }, [initialCode]);

  const scan = async () => {
    let text: string | undefined;
    try {
      text = (await Taro.scanCode({ scanType: ['qrCode'] })).result;
    } catch {
      return; // cancelled: nothing to say
    }
    const found = inviteCodeIn(text);
    setOpen(true);
    if (found) {
      setCode(found);
      setErrors((e) => ({ ...e, code: '' }));
    } else {
      setErrors((e) => ({ ...e, code: '这个二维码不是邀请码，请扫企业或部门给的邀请码二维码' }));
    }
  };

  const submit = async () => {
    const parsed = BindInput.safeParse({ code, name });
    if (!parsed.success) {
      setErrors(issueMap(zodIssues(parsed.error.issues)));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const res = await api.user.bind({ code, name });
      const granted = INVITE_ROLE_LABELS[res.granted];
      setDone(
        res.pending
          ? { title: '已提交，等待企业安全管理人员确认', text: `确认后您将成为${granted}。` }
          : { title: `绑定成功：您现在是${granted}` },
      );
      setCode('');
      setOpen(false);
      onBound();
    } catch (e) {
      const err = asCloudError(e, '绑定失败，请重试');
      const fields = issueMap(err.issues);
      setErrors(fields.code || fields.name ? fields : { form: err.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="mine__setting mine__bind">
      <Text className="mine__setting-title">输入邀请码</Text>
      <Text className="mine__setting-hint">部门或企业给您的 8 位邀请码，可带短横线或空格。</Text>
      {!open && (
        <Button className="mine__bind-open" onClick={() => setOpen(true)}>
          我有邀请码
        </Button>
      )}
      {CAN_SCAN && (
        <Button className="mine__bind-scan" onClick={() => void scan()}>
          扫码填写
        </Button>
      )}
      {open && (
        <BindFields
          code={code}
          name={name}
          errors={errors}
          busy={busy}
          onCode={setCode}
          onName={setName}
          onSubmit={() => void submit()}
        />
      )}
      {done && (
        <View className="mine__bind-done" {...a11y({ role: 'status' })}>
          <Text className="mine__bind-done-title">{done.title}</Text>
          {done.text && <Text className="mine__setting-hint">{done.text}</Text>}
        </View>
      )}
    </View>
  );
}

function BindFields({
  code,
  name,
  errors,
  busy,
  onCode,
  onName,
  onSubmit,
}: {
  code: string;
  name: string;
  errors: Record<string, string>;
  busy: boolean;
  onCode: (v: string) => void;
  onName: (v: string) => void;
  onSubmit: () => void;
}) {
  return (
    <View className="mine__bind-fields">
      <Field label="邀请码" required error={errors.code} id="mine-bind-code">
        {(control) => (
          <Input
            className="form-input mine__bind-code"
            value={code}
            maxlength={12}
            placeholder="例如 ABCD-EFGH"
            onInput={(e) => onCode(e.detail.value)}
            {...control}
          />
        )}
      </Field>
      <Field label="姓名" required error={errors.name} hint="部门或企业将看到这个姓名" id="mine-bind-name">
        {(control) => (
          <Input
            className="form-input"
            value={name}
            maxlength={20}
            placeholder="请输入真实姓名"
            onInput={(e) => onName(e.detail.value)}
            {...control}
          />
        )}
      </Field>
      {errors.form && (
        <Text className="field-error mine__bind-error" {...a11y({ role: 'alert' })}>
          {errors.form}
        </Text>
      )}
      <Button kind="primary" loading={busy} loadingText="提交中…" onClick={onSubmit}>
        绑定
      </Button>
    </View>
  );
}

/** The identity card and the bind form, with the session's loading and error states. */
export function IdentitySection({
  session,
  error,
  loading,
  reload,
  initialCode,
}: {
  initialCode?: string;
  session?: LoginResult;
  error?: { message: string };
  loading: boolean;
  reload: () => void;
}) {
  if (!session) {
    if (error) return <ErrorState message={error.message} onRetry={reload} />;
    return loading ? <Loading text="正在读取身份…" /> : null;
  }
  return (
    <>
      <IdentityCard session={session} />
      <BindForm defaultName={session.displayName} initialCode={initialCode} onBound={reload} />
    </>
  );
}
