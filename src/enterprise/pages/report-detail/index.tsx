import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { InternalActInput, InternalReport, LoginResult } from '../../../../types';
import { FieldError } from '../../../components/Form';
import { PageState } from '../../../components/PageState';
import { PhotoGrid } from '../../../components/PhotoGrid';
import { Badge, Button, Dialog } from '../../../components/ui';
import { formatChineseDate } from '../../../components/ui/DatePicker';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError, issueMap } from '../../../services/errors';
import { formatDate, formatTime } from '../../../services/format';
import { EnterpriseGate } from '../../components/Gate';
import { InternalAcceptForm, InternalEscalateForm, InternalFixedForm } from '../../components/InternalActForms';
import { STATUS_TONE } from '../../components/ReportList';

type Step = InternalActInput['step'];
const STEP_DONE: Record<Step, string> = { accept: '已受理', fixed: '已提交整改完成', escalate: '已转报镇里' };

/** What happens next, in plain words, for the reader's side. */
function nextText(r: InternalReport, manager: boolean): string {
  switch (r.status) {
    case 'submitted':
      return manager
        ? `请在 ${formatDate(r.acceptBy)} 前受理并定下整改期限，否则这条报告会自动转报镇里。`
        : `企业需在 ${formatDate(r.acceptBy)} 前受理（2 个工作日内），否则自动转报镇里。`;
    case 'accepted':
      return manager
        ? `请在整改期限 ${formatDate(r.deadline)} 前整改完成并上传照片，逾期会自动转报镇里。`
        : `企业已受理，承诺在 ${formatDate(r.deadline)} 前整改完成；逾期会自动转报镇里。`;
    case 'fixed':
      return '企业已整改完成。';
    case 'escalated':
      return `已转报镇里，镇里按普通隐患举报处理${r.escalation ? `（编号 ${r.escalation.tipoffNo}）` : ''}。`;
  }
}

function Body({
  r,
  session,
  onChanged,
}: {
  r: InternalReport;
  session: LoginResult;
  onChanged: (r: InternalReport) => void;
}) {
  const manager = !r.mine && session.roles.includes('safetyManager');
  const [form, setForm] = useState<Step>();
  const [pending, setPending] = useState<InternalActInput>();
  const [toTown, setToTown] = useState(false);
  const [running, setRunning] = useState(false);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  const act = async (input: InternalActInput) => {
    setRunning(true);
    setError(undefined);
    try {
      const next = await api.enterprise.act(input);
      setForm(undefined);
      setPending(undefined);
      setIssues({});
      Taro.showToast({ title: STEP_DONE[input.step], icon: 'none' });
      onChanged(next);
    } catch (e) {
      const err = asCloudError(e);
      setIssues(issueMap(err.issues));
      setError(err.message);
      setPending(undefined);
    } finally {
      setRunning(false);
    }
  };

  const sendToTown = async () => {
    setRunning(true);
    setError(undefined);
    try {
      const next = await api.enterprise.toTown(r.id);
      setToTown(false);
      Taro.showToast({ title: '已转报镇里', icon: 'none' });
      onChanged(next);
    } catch (e) {
      setError(asCloudError(e).message);
      setToTown(false);
    } finally {
      setRunning(false);
    }
  };

  const submitForm = (input: InternalActInput) => (input.step === 'escalate' ? setPending(input) : void act(input));
  const open = r.status === 'submitted' || r.status === 'accepted';

  return (
    <View className="report-detail">
      <View className="ent__section">
        <View className="ent__row ent__row--between">
          <Text className="ent__title">{r.categoryName}</Text>
          <Badge tone={STATUS_TONE[r.status]} className="report-detail__status">
            {r.statusLabel}
          </Badge>
        </View>
        <Text className="ent__meta">
          编号 {r.no} · {formatTime(r.createdAt)}
        </Text>
        {manager && (
          <Text className="ent__line report-detail__reporter">
            {r.anonymous ? '匿名报告' : `报告人：${r.reporterName ?? '员工'}`}
          </Text>
        )}
        {!manager && (
          <Text className="ent__meta">
            {r.anonymous ? '您选择了匿名，企业看不到是谁报告的。' : '您实名报告，企业能看到您的姓名。'}
          </Text>
        )}
        <View className="ent__next">
          <Text className="ent__next-text report-detail__next">{nextText(r, manager)}</Text>
        </View>
      </View>

      <View className="ent__section">
        <Text className="ent__subtitle">隐患情况</Text>
        <Text className="ent__line report-detail__desc">{r.description}</Text>
        {r.place && <Text className="ent__meta">位置：{r.place}</Text>}
        <PhotoGrid urls={r.photoUrls} className="report-detail__photos" />
        {r.deadline && <Text className="ent__meta">整改期限：{formatChineseDate(formatDate(r.deadline))}</Text>}
        {r.evidenceUrls && r.evidenceUrls.length > 0 && (
          <>
            <Text className="ent__subtitle">整改后照片</Text>
            <PhotoGrid urls={r.evidenceUrls} className="report-detail__evidence" />
          </>
        )}
        {r.escalation && (
          <Text className="ent__line report-detail__escalation">
            {r.escalation.reasonLabel}，镇里编号 {r.escalation.tipoffNo}
          </Text>
        )}
      </View>

      <View className="ent__section report-detail__timeline">
        <Text className="ent__subtitle">处理经过</Text>
        {r.timeline.map((t, i) => (
          <View key={i} className="ent__item">
            <Text className="ent__meta">{formatTime(t.at)}</Text>
            <Text className="ent__line">{t.text}</Text>
          </View>
        ))}
      </View>

      {open && (
        <View className="ent__section report-detail__actions">
          <FieldError message={error} />
          {manager && !form && (
            <View className="ent__actions">
              {r.status === 'submitted' && (
                <Button kind="primary" className="report-detail__accept" onClick={() => setForm('accept')}>
                  受理
                </Button>
              )}
              {r.status === 'accepted' && (
                <Button kind="primary" className="report-detail__fixed" onClick={() => setForm('fixed')}>
                  整改完成
                </Button>
              )}
              <Button className="report-detail__escalate" onClick={() => setForm('escalate')}>
                转报镇里
              </Button>
            </View>
          )}
          {manager && form === 'accept' && (
            <InternalAcceptForm
              id={r.id}
              running={running}
              issues={issues}
              onSubmit={submitForm}
              onCancel={() => setForm(undefined)}
            />
          )}
          {manager && form === 'fixed' && (
            <InternalFixedForm
              id={r.id}
              running={running}
              issues={issues}
              onSubmit={submitForm}
              onCancel={() => setForm(undefined)}
            />
          )}
          {manager && form === 'escalate' && (
            <InternalEscalateForm
              id={r.id}
              running={running}
              issues={issues}
              onSubmit={submitForm}
              onCancel={() => setForm(undefined)}
            />
          )}
          {!manager && r.mine && (
            <>
              <Text className="ent__hint">觉得企业处理不好，可以随时直接报给镇里。</Text>
              <View className="ent__actions">
                <Button kind="danger" className="report-detail__to-town" onClick={() => setToTown(true)}>
                  直接报给镇里…
                </Button>
              </View>
            </>
          )}
        </View>
      )}

      <Dialog
        open={!!pending}
        title="转报镇里？"
        consequence="转报后，这条报告交给镇里按隐患举报处理，企业不能再自行结案。无法撤销。"
        confirmText="确认转报"
        danger
        busy={running}
        onConfirm={() => pending && void act(pending)}
        onCancel={() => setPending(undefined)}
      />
      <Dialog
        open={toTown}
        title="直接报给镇里？"
        consequence={`报告会交给镇里按隐患举报处理，企业不能再自行结案。${r.anonymous ? '您的身份仍不会告诉企业。' : ''}无法撤销。`}
        confirmText="确认报给镇里"
        danger
        busy={running}
        onConfirm={() => void sendToTown()}
        onCancel={() => setToTown(false)}
      />
    </View>
  );
}

function Detail({ session }: { session: LoginResult }) {
  const id = useRouter().params.id ?? '';
  const [fresh, setFresh] = useState<InternalReport>();
  const remote = useRemote(() => api.enterprise.reportDetail(id), [id]);
  const r = fresh ?? remote.data;
  if (!r) return <PageState loading={remote.loading} error={remote.error} onRetry={remote.reload} />;
  return <Body r={r} session={session} onChanged={setFresh} />;
}

export default function ReportDetailPage() {
  return (
    <EnterpriseGate roles={['safetyManager', 'worker']} className="report-detail-page">
      {(session) => <Detail session={session} />}
    </EnterpriseGate>
  );
}
