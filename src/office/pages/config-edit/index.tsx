import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { LoginResult, ValidationIssue } from '../../../../types';
import { TOWN_CONFIG_LABELS, TownConfigKey, type ConfigView } from '../../../../types/town-config';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { ErrorState, Loading } from '../../../components/ui/States';
import { a11y } from '../../../components/ui/a11y';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError } from '../../../services/errors';
import {
  ConfigSummary,
  issuePath,
  KEY_HINTS,
  namesOf,
  versionLine,
  type TownNames,
} from '../../components/town-config';
import { checkDraft, describeChange, issuePlace } from './draft';
import { EDITORS } from './editors';
import '../../../components/Form.css';
import '../../office.css';
import '../config/index.css';

const CONSEQUENCE: Record<TownConfigKey, string> = {
  departments: '保存后立即生效；已有的举报仍由原部门办理。旧版本留档可查。',
  areas: '保存后，新的举报按新名单选择居民区或村；已有的举报不变。旧版本留档可查。',
  categories: '保存后，新的举报按新类别选择；已有的举报不变。旧版本留档可查。',
  routing: '保存后，新的举报按新规则分派；已有的举报仍由原部门办理，分派理由不变。旧版本留档可查。',
  sla: '保存后，新的举报按新期限计时；已有的举报仍按提交时的期限办理。旧版本留档可查。',
  blockedWords: '保存后，新提交的举报按新词表检查。旧版本留档可查。',
};

/** The key being edited and the names every editor shows (departments, areas, categories), in one go. */
async function loadForEdit(key: TownConfigKey): Promise<{ view: ConfigView; names: TownNames }> {
  const nameKeys = (['departments', 'areas', 'categories'] as const).filter((k) => k !== key);
  const [view, ...others] = await Promise.all([key, ...nameKeys].map((k) => api.admin.config({ key: k })));
  const byKey = Object.fromEntries([view, ...others].map((v) => [v.key, v]));
  return { view, names: namesOf(byKey) };
}

/** Server issues on the key's own paths: `data.3.name` → `3.name`; areas may be wrapped (`areas.3.name`). */
function ownIssues(key: TownConfigKey, issues: ValidationIssue[]): ValidationIssue[] {
  return issues.map((i) => {
    let path = issuePath(i);
    if (key === 'areas') path = path.replace(/^areas\.?/, '');
    return { ...i, path };
  });
}

function Editor({ view, names, onSaved }: { view: ConfigView; names: TownNames; onSaved: (v: ConfigView) => void }) {
  const key = view.key;
  const label = TOWN_CONFIG_LABELS[key];
  const Edit = EDITORS[key];
  const [base, setBase] = useState(view);
  const [draft, setDraft] = useState<unknown>(view.data);
  const [note, setNote] = useState('');
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [formError, setFormError] = useState<string>();
  const [confirm, setConfirm] = useState<string[]>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<{ latest?: ConfigView; loading?: boolean }>();

  // Editing a field clears what was said about the old text.
  const change = (data: unknown) => {
    setDraft(data);
    setIssues([]);
    setFormError(undefined);
  };
  const check = () => {
    const found = checkDraft(key, draft);
    const lines = describeChange(key, base.data, draft, names);
    const reason = note.trim().length < 2 ? '请写明修改原因' : undefined;
    setIssues(found);
    setFormError(found.length ? '有几处需要改正，请看标红的地方' : lines.length === 0 ? '您还没有做任何修改' : reason);
    if (!found.length && lines.length && !reason) setConfirm(lines);
  };
  const save = async () => {
    setBusy(true);
    try {
      const saved = await api.admin.setConfig({ key, data: draft, baseVersion: base.version, note: note.trim() });
      setConfirm(undefined);
      setConflict(undefined);
      onSaved(saved);
    } catch (e) {
      setConfirm(undefined);
      const err = asCloudError(e, '保存失败，请重试');
      if (err.code === 'CONFLICT') {
        setConflict({});
        setFormError(undefined);
      } else if (err.issues.length) {
        setIssues(ownIssues(key, err.issues));
        setFormError(err.message || '有几处需要改正，请看标红的地方');
      } else {
        setFormError(err.message);
      }
    } finally {
      setBusy(false);
    }
  };
  const reloadLatest = async () => {
    setConflict({ loading: true });
    try {
      const latest = await api.admin.config({ key });
      setBase(latest);
      setConflict({ latest });
    } catch (e) {
      setConflict({});
      setFormError(asCloudError(e, '载入失败，请重试').message);
    }
  };
  const noteError = formError === '请写明修改原因' ? formError : undefined;

  return (
    <>
      <View className="office-section">
        <Text className="office-section__title">修改{label}</Text>
        <Text className="office-card__meta">{KEY_HINTS[key]}</Text>
        <Text className="config-card__who">现行：{versionLine(base)}</Text>
      </View>
      <View className="office-section">
        <Edit initial={view.data} onChange={change} issues={issues} names={names} />
      </View>
      <View className="office-section">
        <Field label="修改原因" required error={noteError} hint="会和这个版本一起留档，例如：按镇政府会议决定调整">
          {(control) => (
            <Input
              className="form-input config-edit__note"
              value={note}
              maxlength={200}
              onInput={(e) => {
                setNote(e.detail.value);
                if (noteError) setFormError(undefined);
              }}
              {...control}
            />
          )}
        </Field>
        {conflict && (
          <View className="config-edit__conflict" {...a11y({ role: 'alert' })}>
            <Text className="config-line">配置已被他人修改。您的修改仍保留在上面，没有丢失。</Text>
            {conflict.latest ? (
              <>
                <Text className="config-line">
                  已载入最新的{versionLine(conflict.latest)}，内容如下；请核对后再保存。
                </Text>
                <ConfigSummary configKey={key} data={conflict.latest.data} names={names} />
              </>
            ) : (
              <Button inline loading={conflict.loading} loadingText="载入中…" onClick={() => void reloadLatest()}>
                载入最新版本
              </Button>
            )}
          </View>
        )}
        {issues.length > 0 && (
          <View className="config-edit__issues" {...a11y({ role: 'alert' })}>
            {issues.map((i) => (
              <Text key={`${i.path}:${i.message}`} className="config-line">
                {issuePlace(key, draft, i.path)}
                {i.message}
              </Text>
            ))}
          </View>
        )}
        {formError && formError !== noteError && (
          <Text className="office-error config-edit__error" {...a11y({ role: 'alert' })}>
            {formError}
          </Text>
        )}
        <View className="office-card__actions">
          <Button inline disabled={busy} onClick={() => void Taro.navigateBack()}>
            取消
          </Button>
          <Button inline kind="primary" className="config-edit__save" onClick={check}>
            保存新版本…
          </Button>
        </View>
      </View>
      <Dialog
        open={!!confirm}
        title={`保存为第 ${base.version + 1} 版${label}？`}
        consequence={CONSEQUENCE[key]}
        confirmText="确认保存"
        busy={busy}
        onConfirm={() => void save()}
        onCancel={() => setConfirm(undefined)}
      >
        <View className="config-edit__summary">
          {(confirm ?? []).map((line) => (
            <Text key={line} className="config-line">
              {line}
            </Text>
          ))}
          <Text className="config-line">修改原因：{note.trim()}</Text>
        </View>
      </Dialog>
    </>
  );
}

function EditPage({ session, configKey }: { session: LoginResult; configKey: TownConfigKey }) {
  const canEdit = session.roles.includes('admin');
  const loaded = useRemote(() => loadForEdit(configKey), [configKey]);
  const [saved, setSaved] = useState<ConfigView>();
  if (!loaded.data) {
    return loaded.error ? <ErrorState message={loaded.error.message} onRetry={loaded.reload} /> : <Loading />;
  }
  const { names } = loaded.data;
  const view = saved ?? loaded.data.view;
  if (!canEdit) {
    return (
      <View className="office-section">
        <Text className="office-section__title">{TOWN_CONFIG_LABELS[configKey]}</Text>
        <Text className="config-card__who">{versionLine(view)}</Text>
        <Text className="office-card__meta">您可以查看；修改由镇安委办经办人进行。</Text>
        <ConfigSummary configKey={configKey} data={view.data} names={names} />
      </View>
    );
  }
  return (
    <View className="office-config-edit">
      {saved && (
        <Text className="config-edit__saved" {...a11y({ role: 'status' })}>
          已保存为第 {saved.version} 版
        </Text>
      )}
      {/* A new version starts a fresh editor over what was saved. */}
      <Editor key={view.version} view={view} names={names} onSaved={setSaved} />
    </View>
  );
}

/** 修改配置?key=…: one structured editor per key; the officer saves a new version with a reason. */
export default function ConfigEditPage() {
  const raw = useRouter().params.key ?? '';
  const parsed = TownConfigKey.safeParse(raw);
  useEffect(() => {
    if (parsed.success) void Taro.setNavigationBarTitle({ title: TOWN_CONFIG_LABELS[parsed.data] });
  }, [parsed.success, parsed.data]);
  return (
    <RoleGate roles={['admin', 'leader']} who="office">
      {(session: LoginResult) => (
        <Shell className="office" title={parsed.success ? TOWN_CONFIG_LABELS[parsed.data] : undefined}>
          {parsed.success ? (
            <EditPage session={session} configKey={parsed.data} />
          ) : (
            <ErrorState message="没有这项配置，请从“系统配置”进入" />
          )}
        </Shell>
      )}
    </RoleGate>
  );
}
