import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  CHECKIN_EARLY_MINUTES,
  AddByHandInput,
  TOKEN_LIFE_SECONDS,
  TOKEN_REFRESH_SECONDS,
  type DrillDetail,
  type DrillParticipants,
} from '../../../../types/drill';
import { QrCode } from '../../../components/QrCode';
import {
  Badge,
  Button,
  Chip,
  ChipGroup,
  Dialog,
  Empty,
  ErrorState,
  Field,
  Loading,
  a11y,
} from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError, issueMap, zodIssues } from '../../../services/errors';
import { formatTime } from '../../../services/format';
import { goTo } from '../../../services/navigate';
import { DrillGate } from '../../components/DrillGate';
import { useVisible } from '../../components/useVisible';
import {
  MANAGE_ROLES,
  STATUS_TONES,
  closeUrl,
  detailUrl,
  durationText,
  headcountText,
  windowText,
} from '../../components/words';

/**
 * The QR's side in CSS px: large enough to scan from a step away in a crowd. QrCode rounds its modules down to
 * whole pixels, so a token's code (29–33 modules with the quiet zone: 37–41) still comes out at 287–297 px.
 */
export const QR_SIZE = 300;
/** After a failed refresh, try again this soon. */
export const RETRY_SECONDS = 3;
/** How often the headcount is asked for. */
export const POLL_SECONDS = 5;
/** A refresh that has not answered after this long no longer blocks the next one. */
const STUCK_MS = 15_000;
const BAD_NETWORK = '网络不稳定，二维码可能已过期';

/**
 * The rotating check-in code: a new token every `refreshInSeconds` (TOKEN_REFRESH_SECONDS), a countdown to the
 * next one, retries every RETRY_SECONDS on a bad network (the old code stays, greyed once it has expired), and
 * nothing while the page is hidden. Never throws.
 */
export function useRotatingQr(drillId: string, active: boolean) {
  const [qr, setQr] = useState<{ token: string; receivedAt: number }>();
  const [left, setLeft] = useState(0);
  const [trouble, setTrouble] = useState<string>();
  const [now, setNow] = useState(() => Date.now());
  const busySince = useRef(0);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const fetchQr = useCallback(async () => {
    if (busySince.current && Date.now() - busySince.current < STUCK_MS) return;
    const started = Date.now();
    busySince.current = started;
    try {
      const q = await api.drill.qr(drillId);
      if (!alive.current || busySince.current !== started) return;
      setQr({ token: q.token, receivedAt: Date.now() });
      setTrouble(undefined);
      const every = Number.isFinite(q.refreshInSeconds) ? q.refreshInSeconds : TOKEN_REFRESH_SECONDS;
      setLeft(Math.min(TOKEN_LIFE_SECONDS - 1, Math.max(1, Math.round(every))));
    } catch (e) {
      if (!alive.current || busySince.current !== started) return;
      const err = asCloudError(e, BAD_NETWORK);
      const network = err.code === 'NETWORK' || err.code === 'INTERNAL';
      setTrouble(network ? `${BAD_NETWORK}，正在重试…` : err.message);
      setLeft(err.code === 'RATE_LIMITED' ? Math.max(RETRY_SECONDS, err.retryAfterSeconds ?? 0) : RETRY_SECONDS);
    } finally {
      if (busySince.current === started) busySince.current = 0;
      if (alive.current) setNow(Date.now());
    }
  }, [drillId]);

  // Back on screen: a fresh code at once (the one shown may have expired meanwhile).
  useEffect(() => {
    if (active) setLeft(0);
  }, [active]);
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => {
      setNow(Date.now());
      setLeft((n) => Math.max(0, n - 1));
    }, 1000);
    return () => clearInterval(t);
  }, [active]);
  useEffect(() => {
    if (active && left === 0) void fetchQr();
  }, [active, left, now, fetchQr]);

  const expired = !!qr && now - qr.receivedAt > TOKEN_LIFE_SECONDS * 1000;
  return { token: qr?.token, left, trouble, expired, refresh: () => setLeft(0) };
}

/** The headcount, asked for every POLL_SECONDS while on screen; a failed poll keeps the last figures. */
function useParticipants(drillId: string, active: boolean) {
  const [data, setData] = useState<DrillParticipants>();
  const [trouble, setTrouble] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!active) return;
    let alive = true;
    const load = () =>
      api.drill
        .participants(drillId)
        .then((p) => {
          if (!alive) return;
          setData(p);
          setTrouble(undefined);
        })
        .catch((e: unknown) => alive && setTrouble(asCloudError(e, '网络不稳定，人数暂未更新').message));
    void load();
    const t = setInterval(() => void load(), POLL_SECONDS * 1000);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, [drillId, active, attempt]);
  return { data, trouble, set: setData, reload: () => setAttempt((n) => n + 1) };
}

function QrPanel({ drillId, active }: { drillId: string; active: boolean }) {
  const qr = useRotatingQr(drillId, active);
  return (
    <View className="drills__section drill-run__qr">
      <Text className="drills__title">扫码签到</Text>
      <Text className="drills__meta">
        请参加人员打开“庙行安全”小程序，点“我的 → 扫码签到”扫这个二维码（须在集合点范围内；微信自带的扫一扫不能签到）。
      </Text>
      {qr.token ? (
        <View className={`drill-run__qr-box ${qr.expired ? 'drill-run__qr-box--stale' : ''}`}>
          <QrCode text={qr.token} size={QR_SIZE} label="演练签到二维码" />
        </View>
      ) : qr.trouble ? null : (
        <Loading text="正在生成二维码…" />
      )}
      {/* h5 cannot scan: the code as text, to copy and paste on the check-in page (browser tests read it here). */}
      {process.env.TARO_ENV === 'h5' && qr.token && !qr.expired && (
        <Text className="drills__meta drill-run__token" userSelect style={{ wordBreak: 'break-all' }}>
          网页版签到码：{qr.token}
        </Text>
      )}
      {qr.trouble ? (
        <View className="drill-run__trouble" {...a11y({ role: 'alert' })}>
          <Text className="drills__notice drills__notice--warning">{qr.trouble}</Text>
          <View className="drills__actions">
            <Button inline className="drill-run__retry" onClick={qr.refresh}>
              立即重试
            </Button>
          </View>
        </View>
      ) : qr.token ? (
        <Text className="drill-run__countdown" {...a11y({ role: 'timer' })}>
          {qr.expired ? '二维码已过期，正在换新…' : `${qr.left} 秒后换新二维码`}
        </Text>
      ) : null}
    </View>
  );
}

/** 手工登记: someone without a phone, by name, or a worker picked from the 未签到 list. */
function AddByHand({
  drillId,
  missing,
  onAdded,
}: {
  drillId: string;
  missing: { id: string; name: string }[];
  onAdded: (p: DrillParticipants, name: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [memberId, setMemberId] = useState<string>();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <View className="drills__actions">
        <Button className="drill-run__by-hand" onClick={() => setOpen(true)}>
          手工登记（没带手机的人）
        </Button>
      </View>
    );
  const submit = async () => {
    const input = { drillId, name: name.trim(), ...(memberId ? { memberId } : {}), ...(note.trim() ? { note } : {}) };
    const parsed = AddByHandInput.safeParse(input);
    if (!parsed.success) return setErrors(issueMap(zodIssues(parsed.error.issues)));
    setBusy(true);
    try {
      const p = await api.drill.addByHand(input);
      onAdded(p, input.name);
      setOpen(false);
      setName('');
      setMemberId(undefined);
      setNote('');
      setErrors({});
    } catch (e) {
      const err = asCloudError(e, '登记失败，请重试');
      const map = issueMap(err.issues);
      setErrors(Object.keys(map).length ? map : { form: err.message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="drill-run__hand-form">
      <Text className="drills__subtitle">手工登记</Text>
      {missing.length > 0 && (
        <Field label="从未签到的员工中选（选填）" className="drills__field">
          {(control) => (
            <ChipGroup label="未签到的员工" control={control} className="drill-run__hand-pick">
              {missing.map((m) => (
                <Chip
                  key={m.id}
                  active={memberId === m.id}
                  label={m.name}
                  onClick={() => {
                    if (memberId === m.id) {
                      setMemberId(undefined);
                    } else {
                      setMemberId(m.id);
                      setName(m.name);
                    }
                    setErrors({});
                  }}
                />
              ))}
            </ChipGroup>
          )}
        </Field>
      )}
      <Field label="姓名" required error={errors.name} className="drills__field">
        {(control) => (
          <Input
            className="form-input drills__input drill-run__hand-name"
            value={name}
            maxlength={20}
            onInput={(e) => {
              setName(e.detail.value);
              setMemberId(undefined);
              setErrors({});
            }}
            {...control}
          />
        )}
      </Field>
      <Field label="备注（选填）" error={errors.note} className="drills__field">
        {(control) => (
          <Input
            className="form-input drills__input drill-run__hand-note"
            value={note}
            maxlength={100}
            placeholder="如：外来施工人员"
            onInput={(e) => setNote(e.detail.value)}
            {...control}
          />
        )}
      </Field>
      {errors.form && <Text className="drills__notice drills__notice--danger">{errors.form}</Text>}
      <View className="drills__actions">
        <Button disabled={busy} onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button kind="primary" className="drill-run__hand-save" loading={busy} onClick={() => void submit()}>
          登记
        </Button>
      </View>
    </View>
  );
}

function Headcount({
  drill,
  early,
  participants,
  onAdded,
}: {
  drill: DrillDetail;
  /** Before check-in opens: no 手工登记 yet (the server refuses it). */
  early: boolean;
  participants: ReturnType<typeof useParticipants>;
  onAdded: (p: DrillParticipants, name: string) => void;
}) {
  const p = participants.data;
  const checkedIn = p?.checkedIn ?? [];
  return (
    <View className="drills__section drill-run__people">
      <Text className="drill-run__headcount" {...a11y({ role: 'status' })}>
        {headcountText(
          p ? p.checkedIn.length : drill.checkedIn,
          p?.expectedCount ?? drill.expectedCount,
          drill.audience === 'open',
          p ? p.checkedIn.filter((c) => c.expected).length : undefined,
        )}
      </Text>
      {participants.trouble && (
        <Text className="drills__notice drills__notice--warning drill-run__poll-trouble">
          {participants.trouble}（显示的是上一次的人数）
        </Text>
      )}
      {drill.status !== 'closed' && !early && (
        <AddByHand drillId={drill.id} missing={p?.missing ?? []} onAdded={onAdded} />
      )}
      {p && p.missing.length > 0 && (
        <>
          <Text className="drills__subtitle">未签到（{p.missing.length} 人）</Text>
          {p.missing.map((m) => (
            <View key={m.id} className="drills__person drill-run__missing">
              <Text className="drills__person-name">{m.name}</Text>
              <Badge tone="warning">未签到</Badge>
            </View>
          ))}
        </>
      )}
      <Text className="drills__subtitle">已签到（{checkedIn.length} 人）</Text>
      {!p ? (
        <Loading text="正在统计人数…" />
      ) : checkedIn.length === 0 ? (
        <Empty text="还没有人签到。" />
      ) : (
        [...checkedIn]
          .sort((a, b) => b.at.localeCompare(a.at))
          .map((x) => (
            <View key={x.id} className="drills__person drill-run__present">
              <Text className="drills__person-name">{x.name}</Text>
              <View className="drills__badges">
                {x.byHand && <Badge tone="info">手工登记</Badge>}
                {!x.expected && drill.audience === 'workers' && <Badge tone="neutral">非本企业</Badge>}
                <Text className="drills__person-meta">{formatTime(x.at).slice(11)}</Text>
              </View>
            </View>
          ))
      )}
    </View>
  );
}

/** Seconds since the alarm, ticking while the drill is under way. */
function Elapsed({ since }: { since: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return <Text className="drill-run__elapsed">已用时 {durationText((now - Date.parse(since)) / 1000)}</Text>;
}

/** "12 月 5 日 09:15" in town time, for when check-in opens. */
function openingText(ms: number): string {
  const t = new Date(ms + 8 * 3600_000).toISOString();
  return `${Number(t.slice(5, 7))} 月 ${Number(t.slice(8, 10))} 日 ${t.slice(11, 16)} `;
}

function Run({ id }: { id: string }) {
  const loaded = useRemote(() => api.drill.detail(id), [id]);
  const [changed, setChanged] = useState<DrillDetail>();
  const [confirm, setConfirm] = useState<'start' | 'allClear'>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const visible = useVisible();
  const drill = changed ?? loaded.data;
  const live = !!drill && drill.may.manage && ['planned', 'started', 'allClear'].includes(drill.status);
  const participants = useParticipants(id, visible && live);
  // Check-in, the start and 手工登记 open CHECKIN_EARLY_MINUTES before the planned start (the server refuses earlier):
  // until then the page says when, instead of a start the server refuses and a QR it will not give.
  const opensAt = drill ? Date.parse(drill.startAt) - CHECKIN_EARLY_MINUTES * 60_000 : 0;
  const [now, setNow] = useState(() => Date.now());
  const early = drill?.status === 'planned' && now < opensAt;
  useEffect(() => {
    if (!early) return;
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, [early]);

  if (!drill) return loaded.error ? <ErrorState message={loaded.error.message} onRetry={loaded.reload} /> : <Loading />;
  if (!drill.may.manage)
    return (
      <View className="drills__section">
        <Text className="drills__title">只有演练的组织者可以打开现场页</Text>
        <View className="drills__actions">
          <Button onClick={() => void goTo(detailUrl(id), { replace: true })}>查看演练详情</Button>
        </View>
      </View>
    );

  const step = async (which: 'start' | 'allClear') => {
    setBusy(true);
    setFailure(undefined);
    try {
      const next = which === 'start' ? await api.drill.start(id) : await api.drill.allClear(id);
      setChanged(next);
      setNotice(
        which === 'start'
          ? '警报已拉响，开始计时。'
          : `警报已解除，疏散用时 ${durationText(next.evacuationSeconds ?? 0)}。`,
      );
    } catch (e) {
      setFailure(asCloudError(e, '操作失败，请重试').message);
    } finally {
      setBusy(false);
      setConfirm(undefined);
    }
  };

  return (
    <View className="drill-run">
      <View className="drills__section">
        <Text className="drills__title">{drill.title}</Text>
        <View className="drills__badges">
          <Badge tone={STATUS_TONES[drill.status]}>{drill.statusLabel}</Badge>
          <Badge tone="neutral">{drill.typeLabel}</Badge>
        </View>
        <Text className="drills__meta">
          {windowText(drill)} · 集合点：{drill.location.address}（{drill.radiusM} 米内）
        </Text>
        {drill.status === 'started' && drill.startedAt && <Elapsed since={drill.startedAt} />}
        {drill.evacuationSeconds !== undefined && (
          <Text className="drill-run__elapsed">疏散用时 {durationText(drill.evacuationSeconds)}</Text>
        )}
        {early && (
          <Text className="drills__notice drill-run__early">
            {openingText(opensAt)}起可以开始演练、扫码签到（演练开始前 {CHECKIN_EARLY_MINUTES} 分钟）。
          </Text>
        )}
        {drill.status === 'planned' && !early && (
          <View className="drills__actions">
            <Button kind="danger" className="drill-run__start" onClick={() => setConfirm('start')}>
              开始演练（拉响警报）
            </Button>
          </View>
        )}
        {drill.status === 'started' && (
          <View className="drills__actions">
            <Button kind="primary" className="drill-run__all-clear" onClick={() => setConfirm('allClear')}>
              解除警报
            </Button>
          </View>
        )}
        {drill.status === 'allClear' && (
          <View className="drills__actions">
            <Button kind="primary" className="drill-run__record" onClick={() => void goTo(closeUrl(id))}>
              填写演练记录
            </Button>
          </View>
        )}
        {(drill.status === 'closed' || drill.status === 'cancelled') && (
          <View className="drills__actions">
            <Button onClick={() => void goTo(detailUrl(id), { replace: true })}>查看演练详情</Button>
          </View>
        )}
      </View>
      {notice && (
        <Text className="drills__notice drills__notice--success drill-run__notice" {...a11y({ role: 'status' })}>
          {notice}
        </Text>
      )}
      {failure && (
        <Text className="drills__notice drills__notice--danger drill-run__failure" {...a11y({ role: 'alert' })}>
          {failure}
        </Text>
      )}
      {((drill.status === 'planned' && !early) || drill.status === 'started') && (
        <QrPanel drillId={id} active={visible} />
      )}
      {drill.status === 'allClear' && (
        <Text className="drills__notice">警报已解除，不再显示签到二维码。核对人数后填写演练记录。</Text>
      )}
      {live && (
        <Headcount
          drill={drill}
          early={early}
          participants={participants}
          onAdded={(p, name) => {
            participants.set(p);
            setNotice(`已登记 ${name}。`);
          }}
        />
      )}
      <Dialog
        open={confirm === 'start'}
        title="拉响警报，开始演练？"
        consequence="开始后开始计算疏散用时，不能撤销。请确认总指挥已下达开始指令。"
        confirmText="开始演练"
        danger
        busy={busy}
        onConfirm={() => void step('start')}
        onCancel={() => setConfirm(undefined)}
      />
      <Dialog
        open={confirm === 'allClear'}
        title="解除警报？"
        consequence="疏散用时计算到此刻，不能撤销。请确认人员已全部到达集合点或已清点完毕。"
        confirmText="解除警报"
        busy={busy}
        onConfirm={() => void step('allClear')}
        onCancel={() => setConfirm(undefined)}
      />
    </View>
  );
}

/** 演练现场 (the organiser's phone on site): start and all-clear, the rotating QR, the live headcount. */
export default function DrillRunPage() {
  const id = useRouter().params.id ?? '';
  return (
    <DrillGate roles={MANAGE_ROLES} className="drill-run-page" text="此页面仅供演练的组织者使用">
      {() => (id ? <Run id={id} /> : <ErrorState message="没有找到这场演练，请从演练列表打开。" />)}
    </DrillGate>
  );
}
