import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { LoginResult } from '../../../../types';
import { CancelDrillInput, type DrillDetail } from '../../../../types/drill';
import { PhotoGrid } from '../../../components/PhotoGrid';
import { Badge, Button, Dialog, ErrorState, Field, Loading, a11y } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { useReshown } from '../../../hooks/useReshown';
import { api } from '../../../services/api';
import { asCloudError, issueMap, zodIssues } from '../../../services/errors';
import { formatTime } from '../../../services/format';
import { goTo } from '../../../services/navigate';
import { DrillGate } from '../../components/DrillGate';
import { saveRecordFile } from '../../components/save-file';
import {
  ALL_ROLES,
  CHECKIN_URL,
  MANAGE_ROLES,
  STATUS_TONES,
  closeUrl,
  durationText,
  headcountText,
  runUrl,
  windowText,
} from '../../components/words';

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text className="drills__line">
      {label}：{children}
    </Text>
  );
}

function Record({ d }: { d: DrillDetail }) {
  const r = d.record;
  if (!r) return null;
  return (
    <View className="drills__section drill-detail__record">
      <Text className="drills__title">演练记录</Text>
      <View className="drills__figures">
        <View className="drills__figure">
          <Text className="drills__figure-value drill-detail__headcount">
            {d.audience === 'open' ? r.headcount : r.expectedCount - r.missing.length} / {r.expectedCount}
          </Text>
          <Text className="drills__figure-label">
            {d.audience === 'open' ? '实到 / 预计（人）' : `本企业实到 / 应到（人）；签到共 ${r.headcount} 人`}
          </Text>
        </View>
        {d.evacuationSeconds !== undefined && (
          <View className="drills__figure">
            <Text className="drills__figure-value">{durationText(d.evacuationSeconds)}</Text>
            <Text className="drills__figure-label">疏散用时</Text>
          </View>
        )}
      </View>
      {r.byHand > 0 && <Text className="drills__meta">其中手工登记 {r.byHand} 人</Text>}
      <Line label="未到人员">{r.missing.length ? r.missing.join('、') : '无'}</Line>
      <Line label="评估结论">{r.ratingLabel}</Line>
      <Text className="drills__subtitle">发现的问题</Text>
      <Text className="drills__line">{r.problems}</Text>
      <Text className="drills__subtitle">改进措施</Text>
      <Text className="drills__line">{r.improvements}</Text>
      <Text className="drills__subtitle">评估意见</Text>
      <Text className="drills__line">{r.evaluation}</Text>
      <Text className="drills__subtitle">现场照片</Text>
      <PhotoGrid urls={r.photoUrls} label="演练现场照片" />
      <Text className="drills__meta">
        {r.closedBy} 于 {formatTime(r.closedAt)} 归档
      </Text>
    </View>
  );
}

function ExportButton({ id }: { id: string }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const run = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      const file = await api.drill.exportRecord(id);
      await saveRecordFile(file);
      setMessage({ ok: true, text: `已导出 ${file.fileName}` });
    } catch (e) {
      setMessage({ ok: false, text: asCloudError(e, '导出失败，请重试').message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button className="drill-detail__export" loading={busy} loadingText="正在导出…" onClick={() => void run()}>
        导出记录（Excel）
      </Button>
      {message && (
        <Text
          className={`drills__notice ${message.ok ? 'drills__notice--success' : 'drills__notice--danger'}`}
          {...a11y({ role: message.ok ? 'status' : 'alert' })}
        >
          {message.text}
        </Text>
      )}
    </>
  );
}

/** 取消演练 (only before the start): a reason, behind a confirmation. */
function CancelButton({ id, onDone }: { id: string; onDone: (d: DrillDetail) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    const parsed = CancelDrillInput.safeParse({ drillId: id, reason: reason.trim() });
    if (!parsed.success) return setError(issueMap(zodIssues(parsed.error.issues)).reason);
    setBusy(true);
    try {
      onDone(await api.drill.cancel(id, reason.trim()));
      setOpen(false);
    } catch (e) {
      setError(asCloudError(e, '取消失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button className="drill-detail__cancel" onClick={() => setOpen(true)}>
        取消演练…
      </Button>
      <Dialog
        open={open}
        title="取消这场演练？"
        consequence="取消后不能恢复，参加人员将无法签到。"
        confirmText="确认取消"
        danger
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
      >
        <Field label="取消原因" required error={error}>
          {(control) => (
            <Textarea
              className="form-textarea drills__textarea drill-detail__reason"
              value={reason}
              maxlength={200}
              onInput={(e) => {
                setReason(e.detail.value);
                setError(undefined);
              }}
              {...control}
            />
          )}
        </Field>
      </Dialog>
    </>
  );
}

function Detail({ id, session }: { id: string; session: LoginResult }) {
  const reshown = useReshown();
  const loaded = useRemote(() => api.drill.detail(id), [id, reshown]);
  const [changed, setChanged] = useState<DrillDetail>();
  const d = changed && changed.id === loaded.data?.id ? changed : loaded.data;
  if (!d) return loaded.error ? <ErrorState message={loaded.error.message} onRetry={loaded.reload} /> : <Loading />;
  const manager = d.may.manage;
  const reader = session.roles.some((r) => MANAGE_ROLES.includes(r));
  return (
    <View className="drill-detail">
      <View className="drills__section">
        <Text className="drills__title">{d.title}</Text>
        <View className="drills__badges">
          <Badge tone={STATUS_TONES[d.status]} className="drill-detail__status">
            {d.statusLabel}
          </Badge>
          <Badge tone="neutral">{d.typeLabel}</Badge>
          {d.audience === 'open' && <Badge tone="primary">公开</Badge>}
        </View>
        <Line label="组织单位">{d.organizer}</Line>
        <Line label="时间">{windowText(d)}</Line>
        <Line label="集合点">
          {d.location.address}（{d.radiusM} 米内签到）
        </Line>
        <Line label="总指挥">{d.commander}</Line>
        <Line label="参加对象">{d.audience === 'open' ? '公开，任何人可参加' : '本企业员工'}</Line>
        {d.scenario && <Line label="演练情景">{d.scenario}</Line>}
        {d.status !== 'planned' && d.status !== 'cancelled' && (
          <Line label="签到">{headcountText(d.checkedIn, d.expectedCount, d.audience === 'open')}</Line>
        )}
        {d.startedAt && <Line label="拉响警报">{formatTime(d.startedAt)}</Line>}
        {d.allClearAt && <Line label="解除警报">{formatTime(d.allClearAt)}</Line>}
        {d.evacuationSeconds !== undefined && (
          <Text className="drill-detail__evacuation">疏散用时 {durationText(d.evacuationSeconds)}</Text>
        )}
        {d.cancelledReason && <Line label="取消原因">{d.cancelledReason}</Line>}
        {d.myCheckinAt && (
          <Text className="drills__notice drills__notice--success drill-detail__mine">
            您已于 {formatTime(d.myCheckinAt)} 签到
          </Text>
        )}
        <View className="drills__actions">
          {d.may.checkin && !d.myCheckinAt && (
            <Button
              kind={manager ? 'default' : 'primary'}
              className="drill-detail__checkin"
              onClick={() => void goTo(CHECKIN_URL)}
            >
              去签到
            </Button>
          )}
          {manager && (d.status === 'planned' || d.status === 'started') && (
            <Button kind="primary" className="drill-detail__run" onClick={() => void goTo(runUrl(id))}>
              打开演练现场页
            </Button>
          )}
          {manager && d.status === 'allClear' && (
            <>
              <Button kind="primary" className="drill-detail__close" onClick={() => void goTo(closeUrl(id))}>
                填写演练记录
              </Button>
              <Button className="drill-detail__run" onClick={() => void goTo(runUrl(id))}>
                查看签到名单
              </Button>
            </>
          )}
          {d.status === 'closed' && (manager || reader) && <ExportButton id={id} />}
          {manager && d.status === 'planned' && <CancelButton id={id} onDone={setChanged} />}
        </View>
      </View>
      <Record d={d} />
    </View>
  );
}

/** 演练详情: the plan, the evacuation time, the record; 去签到 for a participant; the organiser's next step. */
export default function DrillDetailPage() {
  const id = useRouter().params.id ?? '';
  return (
    <DrillGate roles={ALL_ROLES} className="drill-detail-page">
      {(session) =>
        id ? <Detail id={id} session={session} /> : <ErrorState message="没有找到这场演练，请从演练列表打开。" />
      }
    </DrillGate>
  );
}
