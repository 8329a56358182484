import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { LoginResult } from '../../../../types';
import { defaultReportMonth, monthlyCycle, type MonthlyReportView } from '../../../../types/monthly';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { Empty, ErrorState, Loading } from '../../../components/ui/States';
import { a11y } from '../../../components/ui/a11y';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { formatTime } from '../../../services/format';
import { plainError } from '../../components/money';
import { downloadWorkbook } from './download';
import '../../office.css';
import './index.css';

/** Today's town date (Beijing time) on the phone's clock. */
const townToday = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** 下载: a fresh URL each time (the listed ones live ten minutes), then the file. */
function DownloadButton({ report, onError }: { report: MonthlyReportView; onError: (m: string) => void }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    onError('');
    try {
      const fresh = await api.admin.monthly({ month: report.month });
      if (!fresh.url) throw new Error('文件暂时无法下载，请稍后重试');
      await downloadWorkbook(fresh.url, fresh.fileName);
    } catch (e) {
      onError(plainError(e, '下载失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      kind="primary"
      inline
      loading={busy}
      loadingText="正在下载…"
      ariaLabel={`下载${report.label}月度报表`}
      onClick={run}
    >
      下载
    </Button>
  );
}

function MonthlyPage({ session }: { session: LoginResult }) {
  const canGenerate = session.roles.includes('admin');
  const month = defaultReportMonth(townToday());
  const cycle = monthlyCycle(month);
  const list = useRemote(() => api.admin.monthlyList(), []);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  if (!list.data) {
    return list.error ? <ErrorState message={list.error.message} onRetry={list.reload} /> : <Loading />;
  }
  const current = list.data.find((r) => r.month === month);
  const earlier = list.data.filter((r) => r.month !== month);

  const generate = async () => {
    setBusy(true);
    setError('');
    try {
      await api.admin.monthly({ month, ...(current ? { regenerate: true } : {}) });
      setConfirm(false);
      list.reload();
    } catch (e) {
      setConfirm(false);
      setError(plainError(e, '生成失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="office-monthly">
      <View className="office-section">
        <Text className="office-section__title">月度报表</Text>
        <Text className="monthly-hint">每月23日前报送。系统每月23日自动生成上一统计区间的报表，生成后可随时下载。</Text>
        <View className="office-card monthly-current" {...a11y({ role: 'group', label: `${cycle.label}月度报表` })}>
          <Text className="office-card__title">{cycle.label}</Text>
          <Text className="monthly-line">统计区间 {cycle.rangeText}</Text>
          {current ? (
            <>
              <Text className="monthly-line">
                生成时间 {formatTime(current.generatedAt)}（{current.by}）
              </Text>
              <Text className="monthly-meta">
                {current.fileName} · {size(current.sizeBytes)} · {current.sheets.length} 张表：
                {current.sheets.join('、')}
              </Text>
            </>
          ) : (
            <Text className="monthly-line">尚未生成{canGenerate ? '' : '，请等待镇安委办生成'}</Text>
          )}
          {error && (
            <Text className="office-error" {...a11y({ role: 'alert' })}>
              {error}
            </Text>
          )}
          <View className="office-card__actions">
            {current && <DownloadButton report={current} onError={setError} />}
            {canGenerate && (
              <Button inline={!!current} kind={current ? 'default' : 'primary'} onClick={() => setConfirm(true)}>
                {current ? '重新生成' : '生成报表'}
              </Button>
            )}
          </View>
        </View>
      </View>

      <View className="office-section">
        <Text className="office-section__title">往期报表</Text>
        {earlier.length === 0 ? (
          <Empty text="还没有往期报表" />
        ) : (
          earlier.map((r) => (
            <View key={r.month} className="office-card" {...a11y({ role: 'group', label: `${r.label}月度报表` })}>
              <View className="office-card__row">
                <Text className="office-card__title">{r.label}</Text>
                <DownloadButton report={r} onError={setError} />
              </View>
              <Text className="monthly-line">统计区间 {r.rangeText}</Text>
              <Text className="monthly-meta">
                生成时间 {formatTime(r.generatedAt)}（{r.by}） · {size(r.sizeBytes)}
              </Text>
            </View>
          ))
        )}
      </View>

      <Dialog
        open={confirm}
        title={current ? `重新生成${cycle.label}报表？` : `生成${cycle.label}报表？`}
        consequence={
          current
            ? `将按现在的数据重新统计 ${cycle.rangeText}，替换已保存的报表（生成于 ${formatTime(current.generatedAt)}），无法恢复旧版本。`
            : `将统计 ${cycle.rangeText} 的数据并保存，之后可随时下载。`
        }
        confirmText={current ? '重新生成' : '生成'}
        busy={busy}
        onConfirm={generate}
        onCancel={() => setConfirm(false)}
      />
    </View>
  );
}

/** 月度报表: 安委办 generates and downloads; leaders read and download. */
export default function MonthlyReportPage() {
  return (
    <RoleGate roles={['admin', 'leader']} who="office">
      {(session: LoginResult) => (
        <Shell className="office">
          <MonthlyPage session={session} />
        </Shell>
      )}
    </RoleGate>
  );
}
