import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { QueueActInput, STEP_LABELS, type QueueDetail, type QueueStep, type TipoffStatus } from '../../../types';
import { Button, Dialog } from '../../components/ui';
import { api } from '../../services/api';
import { asCloudError, issueMap, zodIssues } from '../../services/errors';
import { MergeForm } from './act-forms/MergeForm';
import { AcceptForm, ReasonForm } from './act-forms/NoteForms';
import { OrderForm } from './act-forms/OrderForm';
import { RectifiedForm } from './act-forms/RectifiedForm';
import { SignoffForm } from './act-forms/SignoffForm';
import { TransferForm } from './act-forms/TransferForm';
import type { StepFormProps, StepInput } from './act-forms/types';
import { VerifyForm } from './act-forms/VerifyForm';
import './ActionPanel.css';

function StepForm({ step, ...props }: StepFormProps & { step: QueueStep }) {
  switch (step) {
    case 'accept':
      return <AcceptForm {...props} />;
    case 'verify':
      return <VerifyForm {...props} />;
    case 'order':
      return <OrderForm {...props} />;
    case 'rectified':
      return <RectifiedForm {...props} />;
    case 'signoff':
      return <SignoffForm {...props} />;
    case 'transfer':
      return <TransferForm {...props} />;
    case 'merge':
      return <MergeForm {...props} />;
    case 'reject':
    case 'extend':
      return <ReasonForm step={step} {...props} />;
  }
}

/** After a refused submit, bring the first field message into view (as the report form does). */
function scrollToFirstError() {
  setTimeout(() => {
    try {
      void Promise.resolve(
        Taro.pageScrollTo({ selector: '.action-panel .field-error', offsetTop: -80, duration: 200 }),
      ).catch(() => undefined);
    } catch {
      // scrolling is a convenience only
    }
  }, 50);
}

/** What an irreversible step asks before it is sent: the consequence in plain words. */
export interface Confirmation {
  title: string;
  consequence: string;
  confirmText: string;
}

/**
 * The steps that cannot be undone — 驳回, 合并, 转办, 复核销号 (approved), 认定重大 (verify with major) —
 * and what each one means; every other step goes straight through.
 */
export function confirmationFor(input: StepInput): Confirmation | null {
  switch (input.step) {
    case 'reject':
      return { title: '确认驳回？', consequence: '驳回后将告知举报人，无法撤销。', confirmText: '确认驳回' };
    case 'merge':
      return {
        title: '确认合并？',
        consequence: '合并后本举报即办结，举报人改为跟进被合并到的举报，无法撤销。',
        confirmText: '确认合并',
      };
    case 'transfer':
      return {
        title: '确认转办？',
        consequence: input.toDepartmentId
          ? '转办后本部门不再办理此举报，无法撤回。'
          : '将交镇安委办协调，本部门不再办理此举报，无法撤回。',
        confirmText: '确认转办',
      };
    case 'signoff':
      return input.approved
        ? {
            title: '确认复核销号？',
            consequence: '销号后举报办结并告知举报人，无法撤销。',
            confirmText: '确认销号',
          }
        : null;
    case 'verify':
      return input.founded && input.major
        ? {
            title: '确认认定为重大事故隐患？',
            consequence: '认定后将登记入重大事故隐患台账、按重大隐患挂牌督办，无法撤销。',
            confirmText: '确认认定',
          }
        : null;
    default:
      return null;
  }
}

interface Props {
  report: QueueDetail;
  /** The step went through (`step` set) or the case changed under us: the page reloads the report. */
  onChanged: (step?: QueueStep, status?: TipoffStatus) => void;
}

/** The steps this user may take now (server's `allowedSteps`), each opening its form. */
export function ActionPanel({ report, onChanged }: Props) {
  const [step, setStep] = useState<QueueStep>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const [issues, setIssues] = useState<Record<string, string>>({});
  /** A checked irreversible step waiting for its confirmation. */
  const [pending, setPending] = useState<{ payload: QueueActInput; confirm: Confirmation }>();

  const choose = (next: QueueStep | undefined) => {
    if (running) return;
    setStep(next);
    setError(undefined);
    setIssues({});
  };

  /** An edited field's message goes; the summary goes with the last one. */
  const edit = (field: string) => {
    if (!issues[field]) return;
    const next = { ...issues };
    delete next[field];
    setIssues(next);
    if (Object.keys(next).length === 0) setError(undefined);
  };

  const submit = async (input: StepInput) => {
    if (running) return;
    const payload = { ...input, id: report.id } as QueueActInput;
    // The same schema the server checks: obvious mistakes never leave the phone.
    const checked = QueueActInput.safeParse(payload);
    if (!checked.success) {
      setIssues(issueMap(zodIssues(checked.error.issues)));
      setError('请按提示填写后再提交');
      scrollToFirstError();
      return;
    }
    const confirm = confirmationFor(input);
    if (confirm) {
      setError(undefined);
      setIssues({});
      setPending({ payload, confirm });
      return;
    }
    await send(payload);
  };

  const send = async (payload: QueueActInput) => {
    if (running) return;
    setRunning(true);
    setError(undefined);
    setIssues({});
    try {
      const res = await api.queue.act(payload);
      Taro.showToast({ title: `${STEP_LABELS[payload.step]}已提交`, icon: 'success' });
      setPending(undefined);
      setStep(undefined);
      onChanged(payload.step, res.status);
    } catch (e) {
      const err = asCloudError(e, '提交失败，请重试');
      setPending(undefined);
      setIssues(issueMap(err.issues));
      setError(err.message);
      // Someone else moved the case on: show its current state and steps.
      if (err.code === 'CONFLICT') onChanged();
    } finally {
      setRunning(false);
    }
  };

  if (report.allowedSteps.length === 0) {
    return (
      <View className="action-panel action-panel--none">
        <Text className="action-panel__none">当前状态下您无需操作。</Text>
        {error && <Text className="action-panel__error act-form__error">{error}</Text>}
      </View>
    );
  }

  return (
    <View className="action-panel">
      <Text className="action-panel__title">办理</Text>
      <View className="action-panel__steps">
        {report.allowedSteps.map((s) => (
          <Button
            key={s}
            inline
            kind={step === s ? 'primary' : 'default'}
            className={`action-panel__step detail__action-${s} ${step === s ? 'action-panel__step--active' : ''}`}
            disabled={running}
            onClick={() => choose(step === s ? undefined : s)}
          >
            {STEP_LABELS[s]}
          </Button>
        ))}
      </View>
      {error && <Text className="action-panel__error act-form__error">{error}</Text>}
      {step && report.allowedSteps.includes(step) && (
        <StepForm
          key={step}
          step={step}
          report={report}
          running={running}
          issues={issues}
          onSubmit={(input) => void submit(input)}
          onCancel={() => choose(undefined)}
          onEdit={edit}
        />
      )}
      <Dialog
        open={!!pending}
        title={pending?.confirm.title ?? ''}
        consequence={pending?.confirm.consequence}
        confirmText={pending?.confirm.confirmText}
        danger
        busy={running}
        className="action-panel__confirm"
        onConfirm={() => pending && void send(pending.payload)}
        onCancel={() => setPending(undefined)}
      />
    </View>
  );
}
