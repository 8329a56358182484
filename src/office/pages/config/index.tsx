import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { LoginResult } from '../../../../types';
import {
  TOWN_CONFIG_KEYS,
  TOWN_CONFIG_LABELS,
  type ConfigView,
  type RouteTestResult,
  type TownConfigKey,
} from '../../../../types/town-config';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Button } from '../../../components/ui/Button';
import { Chip, ChipGroup } from '../../../components/ui/Chip';
import { Field } from '../../../components/ui/Field';
import { ErrorState, Loading } from '../../../components/ui/States';
import { a11y, pressable } from '../../../components/ui/a11y';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { formatTime } from '../../../services/format';
import { plainError } from '../../components/money';
import {
  ConfigSummary,
  KEY_HINTS,
  KIND_WORDS,
  namesOf,
  versionLine,
  type TownNames,
} from '../../components/town-config';
import '../../../components/Form.css';
import '../../office.css';
import './index.css';

async function loadAll(): Promise<Record<TownConfigKey, ConfigView>> {
  const views = await Promise.all(TOWN_CONFIG_KEYS.map((key) => api.admin.config({ key })));
  return Object.fromEntries(views.map((v) => [v.key, v])) as Record<TownConfigKey, ConfigView>;
}

/** 查看历史: the versions newest first; tapping one shows that version's data, read-only. */
function History({ view, names }: { view: ConfigView; names: TownNames }) {
  const [open, setOpen] = useState<number>();
  const old = useRemote(
    () => (open === undefined ? Promise.resolve(undefined) : api.admin.config({ key: view.key, version: open })),
    [open, view.key],
  );
  return (
    <View className="config-history">
      {view.history.map((h) => (
        <View key={h.version} className="config-history__item">
          <View
            className={`config-history__line ${open === h.version ? 'config-history__line--open' : ''}`}
            {...a11y({ role: 'button', label: `${versionLine(h)}，${open === h.version ? '收起' : '查看内容'}` })}
            {...pressable(() => setOpen(open === h.version ? undefined : h.version))}
          >
            <Text>
              {versionLine(h)}
              {h.version === view.version ? '（现行）' : ''}
            </Text>
          </View>
          {open === h.version && (
            <View className="config-history__data">
              {old.error ? (
                <ErrorState message={old.error.message} onRetry={old.reload} />
              ) : !old.data || old.data.version !== h.version ? (
                <Loading />
              ) : (
                <>
                  <Text className="config-history__readonly">第 {h.version} 版的内容（只读）</Text>
                  <ConfigSummary configKey={view.key} data={old.data.data} names={names} />
                </>
              )}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

function KeyCard({ view, names, canEdit }: { view: ConfigView; names: TownNames; canEdit: boolean }) {
  const [history, setHistory] = useState(false);
  const [content, setContent] = useState(false);
  return (
    <View className="office-card config-card" {...a11y({ role: 'group', label: view.label })}>
      <View className="office-card__row">
        <Text className="office-card__title">{TOWN_CONFIG_LABELS[view.key]}</Text>
        <Text className="config-card__version">第 {view.version} 版</Text>
      </View>
      <Text className="office-card__meta">{KEY_HINTS[view.key]}</Text>
      <Text className="config-card__who">{[view.by, formatTime(view.at)].filter(Boolean).join(' · ')}</Text>
      {view.note && <Text className="config-card__note">修改原因：{view.note}</Text>}
      {content && <ConfigSummary configKey={view.key} data={view.data} names={names} />}
      <View className="office-card__actions">
        {canEdit && (
          <Button
            inline
            kind="primary"
            className="config-card__edit"
            ariaLabel={`修改${TOWN_CONFIG_LABELS[view.key]}`}
            onClick={() => void Taro.navigateTo({ url: `/office/pages/config-edit/index?key=${view.key}` })}
          >
            修改
          </Button>
        )}
        <Button inline className="config-card__content" onClick={() => setContent(!content)}>
          {content ? '收起内容' : '查看内容'}
        </Button>
        <Button inline className="config-card__history" onClick={() => setHistory(!history)}>
          {history ? '收起历史' : '查看历史'}
        </Button>
      </View>
      {history && <History view={view} names={names} />}
    </View>
  );
}

/** 哪个部门会收到这条举报？ — the routing tester under the current rules. */
export function RouteTester({ names }: { names: TownNames }) {
  const [categoryId, setCategoryId] = useState('');
  const [areaId, setAreaId] = useState('');
  const [description, setDescription] = useState('');
  const [result, setResult] = useState<RouteTestResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const groups = [...new Set(names.categories.map((c) => c.group))];
  const run = async () => {
    if (!categoryId || !areaId) {
      setError(!categoryId ? '请选择隐患类别' : '请选择居民区或村');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.admin.route({ categoryId, areaId, description: description.trim() }));
    } catch (e) {
      setResult(undefined);
      setError(plainError(e, '测试失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };
  const changed = () => {
    setResult(undefined);
    setError(undefined);
  };
  return (
    <View className="office-section config-tester">
      <Text className="office-section__title">哪个部门会收到这条举报？</Text>
      <Text className="office-card__meta">按现行分派规则试一试，不会生成举报。</Text>
      <Text className="office-filter-label">隐患类别</Text>
      {groups.map((g) => (
        <View key={g} className="config-tester__group">
          <Text className="config-tester__group-name">{g}</Text>
          <ChipGroup label={`隐患类别：${g}`}>
            {names.categories
              .filter((c) => c.group === g)
              .map((c) => (
                <Chip
                  key={c.id}
                  active={categoryId === c.id}
                  label={c.name}
                  onClick={() => {
                    setCategoryId(c.id);
                    changed();
                  }}
                />
              ))}
          </ChipGroup>
        </View>
      ))}
      {(['community', 'village'] as const).map((kind) => (
        <View key={kind}>
          <Text className="office-filter-label">{KIND_WORDS[kind]}</Text>
          <ChipGroup label={KIND_WORDS[kind]}>
            {names.areas
              .filter((a) => a.kind === kind)
              .map((a) => (
                <Chip
                  key={a.id}
                  active={areaId === a.id}
                  label={a.name}
                  onClick={() => {
                    setAreaId(a.id);
                    changed();
                  }}
                />
              ))}
          </ChipGroup>
        </View>
      ))}
      <Field label="举报描述（可不填）" hint="有的规则看描述里的关键词，例如“液化气”">
        {(control) => (
          <Textarea
            className="form-textarea config-tester__description"
            value={description}
            maxlength={500}
            onInput={(e) => {
              setDescription(e.detail.value);
              changed();
            }}
            {...control}
          />
        )}
      </Field>
      {error && (
        <Text className="office-error config-tester__error" {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      )}
      <Button kind="primary" className="config-tester__run" loading={busy} loadingText="正在测试…" onClick={run}>
        测试分派
      </Button>
      {result && (
        <View className="config-tester__result" {...a11y({ role: 'status' })}>
          <Text className="config-tester__dept">交 {result.departmentName} 办理</Text>
          {result.coDepartments.length > 0 && (
            <Text className="config-line">协办：{result.coDepartments.map((d) => d.name).join('、')}</Text>
          )}
          <Text className="config-line">
            {result.ruleName ? `符合规则：${result.ruleName}` : '没有符合的规则，由镇安委办分拨'}
          </Text>
          <Text className="config-line">理由：{result.reason}</Text>
          <Text className="office-card__meta">按第 {result.routingVersion} 版分派规则</Text>
        </View>
      )}
    </View>
  );
}

function ConfigPage({ session }: { session: LoginResult }) {
  const canEdit = session.roles.includes('admin');
  const all = useRemote(loadAll, []);
  // Back from 修改配置: show the new version. Not "skip the first show": on h5 the page's first show comes before
  // this component mounts (RoleGate renders it once the session is known), so that skipped the return from the
  // editor and the card kept the old version (seen in tests/e2e/office-desk). Reload on any show once loaded.
  const loaded = useRef(false);
  loaded.current = all.data !== undefined;
  useDidShow(() => {
    if (loaded.current) all.reload();
  });
  if (!all.data) {
    return all.error ? <ErrorState message={all.error.message} onRetry={all.reload} /> : <Loading />;
  }
  const names = namesOf(all.data);
  return (
    <View className="office-config">
      <View className="office-section">
        <Text className="office-section__title">系统配置</Text>
        <Text className="office-card__meta">
          {canEdit
            ? '修改后保存为新版本，此后的新举报按新版本分派和计时；已有的举报仍按提交时的版本办理。'
            : '您可以查看配置和历史版本；修改由镇安委办经办人进行。'}
        </Text>
        {TOWN_CONFIG_KEYS.map((key) => (
          <KeyCard key={key} view={all.data![key]} names={names} canEdit={canEdit} />
        ))}
      </View>
      <RouteTester names={names} />
    </View>
  );
}

/** 系统配置: 安委办's town data, versioned; the officer (admin) edits, leaders read. */
export default function ConfigOverviewPage() {
  return (
    <RoleGate roles={['admin', 'leader']} who="office">
      {(session: LoginResult) => (
        <Shell className="office">
          <ConfigPage session={session} />
        </Shell>
      )}
    </RoleGate>
  );
}
