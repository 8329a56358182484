import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { LoginResult } from '../../../../types';
import {
  Question,
  TOPIC_NAMES,
  TRAINING_TOPICS,
  type QuestionType,
  type TrainingTopic,
} from '../../../../types/training';
import {
  QUESTION_TYPE_NAMES,
  type BankQuestionView,
  type ImportResult,
  type SaveQuestionInput,
} from '../../../../types/training-admin';
import { ListFooter } from '../../../components/ListFooter';
import { RoleGate } from '../../../components/RoleGate';
import { Shell } from '../../../components/Shell';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Chip, ChipGroup } from '../../../components/ui/Chip';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Empty, ErrorState, Loading } from '../../../components/ui/States';
import { a11y } from '../../../components/ui/a11y';
import { usePaged } from '../../../hooks/usePaged';
import { api } from '../../../services/api';
import { formatTime } from '../../../services/format';
import { plainError } from '../../components/money';
import { pickSheet, saveSheet, type PickedSheet } from '../../components/sheet-file';
import '../../../components/Form.css';
import '../../office.css';
import './index.css';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];
const DIFFICULTY = ['', '易', '中', '难'];
const judgeWord = (key: string) => (key === 'T' ? '正确' : '错误');

type Draft = {
  topic: TrainingTopic;
  type: QuestionType;
  stem: string;
  options: string[];
  answer: string[];
  explanation: string;
  doc: string;
  article: string;
  difficulty: number;
};
type DraftErrors = Partial<Record<'stem' | 'options' | 'answer' | 'explanation' | 'doc' | 'article' | 'form', string>>;

const draftOf = (q: BankQuestionView | null, topic: TrainingTopic): Draft =>
  q
    ? {
        topic: q.topic,
        type: q.type,
        stem: q.stem,
        options: q.type === 'judge' ? ['', '', ''] : q.options.map((o) => o.text),
        answer: [...q.answer],
        explanation: q.explanation,
        doc: q.source.doc,
        article: q.source.article,
        difficulty: q.difficulty,
      }
    : {
        topic,
        type: 'single',
        stem: '',
        options: ['', '', ''],
        answer: [],
        explanation: '',
        doc: '',
        article: '',
        difficulty: 2,
      };

/** The draft as the Question schema wants it (options A, B, C…; 判断: T / F). */
function questionOf(d: Draft, id: string | undefined): SaveQuestionInput['question'] {
  const options =
    d.type === 'judge'
      ? [
          { key: 'T', text: '正确' },
          { key: 'F', text: '错误' },
        ]
      : d.options.map((text, i) => ({ key: LETTERS[i], text: text.trim() }));
  return {
    ...(id ? { id } : {}),
    topic: d.topic,
    type: d.type,
    stem: d.stem.trim(),
    options,
    answer: [...d.answer].sort(),
    explanation: d.explanation.trim(),
    source: { doc: d.doc.trim(), article: d.article.trim() },
    difficulty: d.difficulty,
  };
}

const FIELD_OF: Record<string, keyof DraftErrors> = {
  stem: 'stem',
  options: 'options',
  answer: 'answer',
  explanation: 'explanation',
  'source.doc': 'doc',
  'source.article': 'article',
};
const FIELD_LABEL: Record<keyof DraftErrors, string> = {
  stem: '题干',
  options: '选项',
  answer: '答案',
  explanation: '解析',
  doc: '出处文件',
  article: '出处条款',
  form: '',
};

/** 新增 / 修改题目: an edit is saved as the next version after a confirmation; attempts keep theirs. */
function QuestionForm({
  editing,
  topic,
  onSaved,
  onCancel,
}: {
  editing: BankQuestionView | null;
  topic: TrainingTopic;
  onSaved: (q: BankQuestionView) => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState<Draft>(() => draftOf(editing, topic));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    setErrors({});
  };
  const choice = d.type !== 'judge';
  const keys = choice ? d.options.map((_, i) => LETTERS[i]) : ['T', 'F'];
  const toggleAnswer = (k: string) =>
    set(
      'answer',
      d.type === 'multiple' ? (d.answer.includes(k) ? d.answer.filter((a) => a !== k) : [...d.answer, k]) : [k],
    );

  const check = () => {
    const q = questionOf(d, editing?.id ?? 'new-000');
    const parsed = Question.safeParse(q);
    if (parsed.success) {
      if (editing) setConfirming(true);
      else void save();
      return;
    }
    const next: DraftErrors = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p) => typeof p === 'string').join('.');
      const field = FIELD_OF[path] ?? FIELD_OF[String(issue.path[0])] ?? 'form';
      const label = FIELD_LABEL[field];
      const own = issue.code === 'custom' || (label !== '' && issue.message.includes(label));
      next[field] ??= own ? issue.message : `${label}${issue.message}`;
    }
    setErrors(next);
  };
  const save = async () => {
    setBusy(true);
    try {
      const saved = await api.training.saveQuestion({
        question: questionOf(d, editing?.id),
        ...(editing ? { version: editing.version } : {}),
      });
      setConfirming(false);
      onSaved(saved);
    } catch (e) {
      setConfirming(false);
      setErrors({ form: plainError(e, '保存失败，请重试').message });
    } finally {
      setBusy(false);
    }
  };

  const textArea = (k: 'stem' | 'explanation', label: string, max: number, hint?: string) => (
    <Field label={label} required error={errors[k]} hint={hint}>
      {(control) => (
        <Textarea
          className={`form-textarea bank-form__${k}`}
          value={d[k]}
          maxlength={max}
          onInput={(e) => set(k, e.detail.value)}
          {...control}
        />
      )}
    </Field>
  );

  return (
    <View className="office-section bank-form">
      <Text className="office-section__title">
        {editing ? `修改题目 ${editing.id}（现为第 ${editing.version} 版）` : '新增题目'}
      </Text>
      {!editing && (
        <>
          <Text className="office-filter-label">主题</Text>
          <ChipGroup label="主题">
            {TRAINING_TOPICS.map((t) => (
              <Chip key={t} active={d.topic === t} label={TOPIC_NAMES[t]} onClick={() => set('topic', t)} />
            ))}
          </ChipGroup>
        </>
      )}
      <Text className="office-filter-label">题型</Text>
      <ChipGroup label="题型">
        {(['single', 'multiple', 'judge'] as const).map((t) => (
          <Chip
            key={t}
            active={d.type === t}
            label={QUESTION_TYPE_NAMES[t]}
            onClick={() => {
              setD((x) => ({ ...x, type: t, answer: [] }));
              setErrors({});
            }}
          />
        ))}
      </ChipGroup>
      {textArea('stem', '题干', 300)}
      {choice && (
        <View className="bank-form__options">
          {d.options.map((text, i) => (
            <Field key={LETTERS[i]} label={`选项 ${LETTERS[i]}`} required>
              {(control) => (
                <Input
                  className={`form-input bank-form__option-${LETTERS[i]}`}
                  value={text}
                  maxlength={200}
                  onInput={(e) => {
                    const next = [...d.options];
                    next[i] = e.detail.value;
                    set('options', next);
                  }}
                  {...control}
                />
              )}
            </Field>
          ))}
          {errors.options && <Text className="field-error">{errors.options}</Text>}
          <View className="office-card__actions">
            {d.options.length < 6 && (
              <Button inline onClick={() => set('options', [...d.options, ''])}>
                添加选项
              </Button>
            )}
            {d.options.length > 3 && (
              <Button
                inline
                onClick={() => {
                  const last = LETTERS[d.options.length - 1];
                  setD((x) => ({ ...x, options: x.options.slice(0, -1), answer: x.answer.filter((a) => a !== last) }));
                }}
              >
                删除选项 {LETTERS[d.options.length - 1]}
              </Button>
            )}
          </View>
        </View>
      )}
      <Text className="office-filter-label">答案{d.type === 'multiple' ? '（可选多个）' : ''}</Text>
      <ChipGroup label="答案" multi={d.type === 'multiple'} className="bank-form__answer">
        {keys.map((k) => (
          <Chip
            key={k}
            multi={d.type === 'multiple'}
            active={d.answer.includes(k)}
            label={choice ? k : judgeWord(k)}
            onClick={() => toggleAnswer(k)}
          />
        ))}
      </ChipGroup>
      {errors.answer && <Text className="field-error">{errors.answer}</Text>}
      {textArea('explanation', '解析', 600, '写明为什么，并引用条文')}
      <Field label="出处文件" required error={errors.doc} hint="例如：《中华人民共和国消防法》">
        {(control) => (
          <Input
            className="form-input bank-form__doc"
            value={d.doc}
            maxlength={100}
            onInput={(e) => set('doc', e.detail.value)}
            {...control}
          />
        )}
      </Field>
      <Field label="出处条款" required error={errors.article} hint="例如：第十六条">
        {(control) => (
          <Input
            className="form-input bank-form__article"
            value={d.article}
            maxlength={60}
            onInput={(e) => set('article', e.detail.value)}
            {...control}
          />
        )}
      </Field>
      <Text className="office-filter-label">难度</Text>
      <ChipGroup label="难度">
        {[1, 2, 3].map((n) => (
          <Chip key={n} active={d.difficulty === n} label={DIFFICULTY[n]} onClick={() => set('difficulty', n)} />
        ))}
      </ChipGroup>
      {errors.form && <Text className="office-error">{errors.form}</Text>}
      <View className="office-card__actions">
        <Button disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button kind="primary" className="bank-form__save" loading={busy && !editing} onClick={check}>
          {editing ? '保存修改…' : '保存题目'}
        </Button>
      </View>
      <Dialog
        open={confirming}
        title={`保存为第 ${(editing?.version ?? 0) + 1} 版？`}
        consequence="此后抽到这道题的考试用新版本；已经开始或交卷的考试仍按原来的题目和答案，不受影响。"
        confirmText="确认保存"
        busy={busy}
        onConfirm={() => void save()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}

function QuestionCard({
  q,
  officer,
  onEdit,
  onRetire,
}: {
  q: BankQuestionView;
  officer: boolean;
  onEdit: () => void;
  onRetire: () => void;
}) {
  return (
    <View className={`office-card bank-card${q.retired ? ' bank-card--retired' : ''}`}>
      <View className="office-card__row">
        <Text className="office-card__title">
          {q.id} · {QUESTION_TYPE_NAMES[q.type]} · 第 {q.version} 版
        </Text>
        {q.retired ? <Badge tone="neutral">已停用</Badge> : <Badge tone="success">在用</Badge>}
      </View>
      <Text className="bank-card__stem">{q.stem}</Text>
      {q.options.map((o) => {
        const right = q.answer.includes(o.key);
        return (
          <Text key={o.key} className={`bank-card__option${right ? ' bank-card__option--right' : ''}`}>
            {q.type === 'judge' ? o.text : `${o.key}. ${o.text}`}
            {right ? '（正确答案）' : ''}
          </Text>
        );
      })}
      <Text className="office-card__meta">
        出处：{q.source.doc} {q.source.article} · 难度 {DIFFICULTY[q.difficulty]}
      </Text>
      <Text className="office-card__meta">
        {q.updatedByName} · {formatTime(q.updatedAt)}
      </Text>
      {officer && (
        <View className="office-card__actions">
          <Button inline className="bank-card__edit" ariaLabel={`修改 ${q.id}`} onClick={onEdit}>
            修改
          </Button>
          <Button
            inline
            kind={q.retired ? 'default' : 'danger'}
            className="bank-card__retire"
            ariaLabel={`${q.retired ? '恢复' : '停用'} ${q.id}`}
            onClick={onRetire}
          >
            {q.retired ? '恢复使用' : '停用'}
          </Button>
        </View>
      )}
    </View>
  );
}

/** 导入 Excel: checked first (nothing written), then imported after a confirmation; every wrong row is listed. */
function ImportPanel({ onDone }: { onDone: (r: ImportResult) => void }) {
  const [file, setFile] = useState<PickedSheet>();
  const [check, setCheck] = useState<ImportResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const choose = async () => {
    setError(undefined);
    setCheck(undefined);
    const picked = await pickSheet();
    if (!picked) return;
    setFile(picked);
    setBusy(true);
    try {
      setCheck(await api.trainingio.importQuestions({ base64: picked.base64, fileName: picked.name, dryRun: true }));
    } catch (e) {
      setError(plainError(e, '读取失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };
  const commit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await api.trainingio.importQuestions({ base64: file.base64, fileName: file.name });
      setCheck(undefined);
      setFile(undefined);
      if (r.ok) onDone(r);
      else setCheck(r);
    } catch (e) {
      setCheck(undefined);
      setError(plainError(e, '导入失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        inline
        className="bank__import"
        loading={busy && !check}
        loadingText="正在检查…"
        onClick={() => void choose()}
      >
        导入 Excel
      </Button>
      {error && <Text className="office-error">{error}</Text>}
      {check && !check.ok && (
        <View className="office-section bank-import-errors" {...a11y({ role: 'alert' })}>
          <Text className="office-section__title">
            {file?.name ?? '表格'}有 {check.errors.length} 处错误，未导入任何题目
          </Text>
          <Text className="office-card__meta">请在 Excel 中改正以下各行，再重新导入：</Text>
          {check.errors.map((e, i) => (
            <Text key={i} className="bank-import-errors__line">
              {e.message}
            </Text>
          ))}
        </View>
      )}
      <Dialog
        open={!!check?.ok}
        title={`导入 ${check?.rows ?? 0} 道题？`}
        consequence={`新增 ${check?.created ?? 0} 道，修改 ${check?.updated ?? 0} 道（版本加 1），未变 ${check?.unchanged ?? 0} 道。已开始或交卷的考试不受影响。`}
        confirmText="确认导入"
        busy={busy}
        onConfirm={() => void commit()}
        onCancel={() => {
          setCheck(undefined);
          setFile(undefined);
        }}
      />
    </>
  );
}

function BankPage({ session }: { session: LoginResult }) {
  const officer = session.roles.includes('admin');
  const [topic, setTopic] = useState<TrainingTopic>();
  const [retired, setRetired] = useState<boolean | undefined>(false);
  const [words, setWords] = useState('');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<BankQuestionView | 'new' | null>(null);
  const [retiring, setRetiring] = useState<BankQuestionView>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const list = usePaged(
    (page) => api.training.questions({ topic, retired, ...(q ? { q } : {}), page, pageSize: 20 }),
    [topic, retired, q],
  );

  const exportSheet = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const sheet = await api.trainingio.exportQuestions(topic);
      await saveSheet(sheet);
      setNotice(`已导出 ${sheet.count} 道题：${sheet.fileName}`);
    } catch (e) {
      setError(plainError(e, '导出失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };
  const retire = async () => {
    if (!retiring) return;
    setBusy(true);
    try {
      const saved = await api.training.retireQuestion(retiring.id, !retiring.retired);
      setNotice(saved.retired ? `已停用 ${saved.id}` : `已恢复 ${saved.id}`);
      list.reload();
    } catch (e) {
      setError(plainError(e, '操作失败，请重试').message);
    } finally {
      setRetiring(undefined);
      setBusy(false);
    }
  };

  if (editing) {
    return (
      <View className="office-question-bank">
        <QuestionForm
          editing={editing === 'new' ? null : editing}
          topic={topic ?? 'major-hazard'}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(`已保存 ${saved.id}（第 ${saved.version} 版）`);
            list.reload();
          }}
        />
      </View>
    );
  }

  return (
    <View className="office-question-bank">
      <View className="office-section">
        <Text className="office-section__title">题库管理</Text>
        <View className="office-card__actions bank__tools">
          <Button
            inline
            className="bank__export"
            loading={busy}
            loadingText="正在导出…"
            onClick={() => void exportSheet()}
          >
            导出 Excel
          </Button>
          {officer && (
            <ImportPanel
              onDone={(r) => {
                setNotice(`已导入：新增 ${r.created} 道，修改 ${r.updated} 道，未变 ${r.unchanged} 道`);
                list.reload();
              }}
            />
          )}
          {officer && (
            <Button inline kind="primary" className="bank__new" onClick={() => setEditing('new')}>
              新增题目
            </Button>
          )}
        </View>
        {notice && (
          <Text className="bank__notice" {...a11y({ role: 'status' })}>
            {notice}
          </Text>
        )}
        {error && <Text className="office-error">{error}</Text>}
        <Text className="office-filter-label">主题</Text>
        <ChipGroup label="按主题筛选">
          <Chip active={!topic} label="全部主题" onClick={() => setTopic(undefined)} />
          {TRAINING_TOPICS.map((t) => (
            <Chip key={t} active={topic === t} label={TOPIC_NAMES[t]} onClick={() => setTopic(t)} />
          ))}
        </ChipGroup>
        <Text className="office-filter-label">状态</Text>
        <ChipGroup label="按状态筛选">
          <Chip active={retired === false} label="在用" onClick={() => setRetired(false)} />
          <Chip active={retired === true} label="已停用" onClick={() => setRetired(true)} />
          <Chip active={retired === undefined} label="全部" onClick={() => setRetired(undefined)} />
        </ChipGroup>
        <Field label="搜索题干或编号">
          {(control) => (
            <Input
              className="form-input bank__search"
              value={words}
              maxlength={40}
              confirmType="search"
              placeholder="例如：灭火器、fi-001"
              onInput={(e) => setWords(e.detail.value)}
              onConfirm={() => setQ(words.trim())}
              {...control}
            />
          )}
        </Field>
        <Button inline className="bank__search-go" onClick={() => setQ(words.trim())}>
          搜索
        </Button>
      </View>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState message={list.error.message} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Empty text={q ? `没有找到含“${q}”的题目` : '这里还没有题目'} />
      ) : (
        <View className="office-section">
          <Text className="office-total">共 {list.total} 道题</Text>
          {list.items.map((item) => (
            <QuestionCard
              key={item.id}
              q={item}
              officer={officer}
              onEdit={() => setEditing(item)}
              onRetire={() => setRetiring(item)}
            />
          ))}
          <ListFooter list={list} />
        </View>
      )}
      <Dialog
        open={!!retiring}
        title={retiring?.retired ? `恢复使用 ${retiring.id}？` : `停用 ${retiring?.id ?? ''}？`}
        consequence={
          retiring?.retired
            ? '恢复后，这道题会重新被抽进考试和练习。'
            : '停用后，这道题不再被抽进新的考试和练习；已经开始或交卷的考试不受影响，随时可以恢复。'
        }
        confirmText={retiring?.retired ? '确认恢复' : '确认停用'}
        danger={!retiring?.retired}
        busy={busy}
        onConfirm={() => void retire()}
        onCancel={() => setRetiring(undefined)}
      />
    </View>
  );
}

/** 题库管理: 安委办 edits, retires, imports and exports questions; leaders read and export. */
export default function QuestionBankPage() {
  return (
    <RoleGate roles={['admin', 'leader']} who="office">
      {(session: LoginResult) => (
        <Shell className="office">
          <BankPage session={session} />
        </Shell>
      )}
    </RoleGate>
  );
}
