import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { EnterpriseSummary } from '../../../types';
import {
  QuizInput,
  TOPIC_NAMES,
  TRAINING_TOPICS,
  type QuizAudience,
  type TrainingTopic,
} from '../../../types/training';
import { AUDIENCE_NAMES } from '../../../types/training-office';
import { api } from '../../services/api';
import { asCloudError } from '../../services/errors';
import { townToday } from '../../services/format';
import { Button, Chip, ChipGroup, Dialog, Field } from '../ui';
import { DatePicker, formatChineseDate } from '../ui/DatePicker';
import '../Form.css';
import './training-desk.css';

type Num = 'pass' | 'minutes' | 'attempts';
type Errors = Partial<Record<'title' | 'draw' | Num | 'opensOn' | 'closesOn' | 'enterprise' | 'form', string>>;

/**
 * 新建考试: title, how many questions from each of the eight topics, pass mark, time limit, attempts, the open /
 * close dates — and, for 安委办, who it is for. A manager's quiz is always for their own enterprise. Published
 * after a confirmation (a quiz cannot be withdrawn once people take it).
 */
export function QuizForm({
  enterpriseId,
  onCreated,
  onCancel,
}: {
  /** A manager: the quiz is for this enterprise only. Absent: 安委办 chooses the audience. */
  enterpriseId?: string;
  onCreated: (title: string) => void;
  onCancel: () => void;
}) {
  const office = !enterpriseId;
  const today = townToday();
  const [title, setTitle] = useState('');
  const [counts, setCounts] = useState<Partial<Record<TrainingTopic, string>>>({});
  const [nums, setNums] = useState<Record<Num, string>>({ pass: '80', minutes: '30', attempts: '3' });
  const [opensOn, setOpensOn] = useState(today);
  const [closesOn, setClosesOn] = useState('');
  const [audience, setAudience] = useState<QuizAudience>('everyone');
  const [firm, setFirm] = useState<EnterpriseSummary>();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<EnterpriseSummary[]>();
  const [errors, setErrors] = useState<Errors>({});
  const [ready, setReady] = useState<QuizInput>();
  const [busy, setBusy] = useState(false);
  const clear = (k: keyof Errors) => setErrors((e) => ({ ...e, [k]: undefined, form: undefined }));

  const total = TRAINING_TOPICS.reduce((s, t) => s + (Number(counts[t]) || 0), 0);

  const find = async () => {
    try {
      const page = await api.enterprise.list({
        status: 'active',
        pageSize: 20,
        ...(search.trim() ? { q: search.trim() } : {}),
      });
      setFound(page.items);
    } catch (e) {
      setErrors((x) => ({ ...x, enterprise: asCloudError(e, '查找失败，请重试').message }));
    }
  };

  const check = () => {
    const next: Errors = {};
    const int = (k: Num, min: number, max: number, words: string) => {
      const v = nums[k].trim();
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) next[k] = words;
      return Number(v);
    };
    if (title.trim().length < 2) next.title = '请填写考试名称（至少 2 个字）';
    const draw = TRAINING_TOPICS.flatMap((topic) => {
      const raw = (counts[topic] ?? '').trim();
      if (!raw || raw === '0') return [];
      if (!/^\d+$/.test(raw) || Number(raw) > 50) {
        next.draw = `“${TOPIC_NAMES[topic]}”的题数请填 0 至 50 的整数`;
        return [];
      }
      return [{ topic, count: Number(raw) }];
    });
    if (!next.draw && draw.length === 0) next.draw = '请至少为一个主题填写题数';
    const passPercent = int('pass', 1, 100, '及格分数线请填 1 至 100 的整数');
    const timeLimitMinutes = int('minutes', 1, 180, '答题时间请填 1 至 180 分钟');
    const attemptsAllowed = int('attempts', 0, 20, '可考次数请填 0 至 20（0 表示不限）');
    if (!closesOn) next.closesOn = '请选择结束日期';
    else if (closesOn < opensOn) next.closesOn = '结束日期不能早于开始日期';
    if (office && audience === 'enterprise' && !firm) next.enterprise = '请选择企业';
    const input: QuizInput = {
      title: title.trim(),
      draw,
      passPercent,
      timeLimitMinutes,
      attemptsAllowed,
      opensOn,
      closesOn,
      audience: office ? audience : 'enterprise',
      ...(office ? (audience === 'enterprise' && firm ? { enterpriseId: firm.id } : {}) : { enterpriseId }),
    };
    if (!Object.values(next).some(Boolean) && !QuizInput.safeParse(input).success) next.form = '填写有误，请检查各项';
    setErrors(next);
    if (!Object.values(next).some(Boolean)) setReady(input);
  };

  const save = async () => {
    if (!ready) return;
    setBusy(true);
    try {
      await api.training.quizCreate(ready);
      const t = ready.title;
      setReady(undefined);
      onCreated(t);
    } catch (e) {
      setReady(undefined);
      const err = asCloudError(e, '发布失败，请重试');
      setErrors({ form: err.issues[0]?.message ?? err.message });
    } finally {
      setBusy(false);
    }
  };

  const who = office ? (audience === 'enterprise' ? (firm?.name ?? '') : AUDIENCE_NAMES[audience]) : '本企业人员';

  return (
    <View className="quiz-form">
      <Field label="考试名称" required error={errors.title}>
        {(control) => (
          <Input
            className="form-input quiz-form__title"
            value={title}
            maxlength={40}
            placeholder="例如：动火作业安全考试"
            onInput={(e) => {
              setTitle(e.detail.value);
              clear('title');
            }}
            {...control}
          />
        )}
      </Field>
      {office && (
        <View className="quiz-form__audience">
          <Text className="form-label">参加人员</Text>
          <ChipGroup label="参加人员">
            {(['everyone', 'workers', 'managers', 'enterprise'] as QuizAudience[]).map((a) => (
              <Chip
                key={a}
                active={audience === a}
                label={AUDIENCE_NAMES[a]}
                onClick={() => {
                  setAudience(a);
                  clear('enterprise');
                }}
              />
            ))}
          </ChipGroup>
          {audience === 'enterprise' && (
            <View className="quiz-form__firm">
              <Field label="查找企业（名称）" error={errors.enterprise}>
                {(control) => (
                  <Input
                    className="form-input quiz-form__search"
                    value={search}
                    maxlength={40}
                    onInput={(e) => setSearch(e.detail.value)}
                    {...control}
                  />
                )}
              </Field>
              <Button inline className="quiz-form__find" onClick={() => void find()}>
                查找
              </Button>
              {found && found.length === 0 && <Text className="desk9-note">没有找到在册的企业</Text>}
              {found && found.length > 0 && (
                <ChipGroup label="选择企业" className="quiz-form__firms">
                  {found.map((f) => (
                    <Chip
                      key={f.id}
                      active={firm?.id === f.id}
                      label={f.name}
                      onClick={() => {
                        setFirm(f);
                        clear('enterprise');
                      }}
                    />
                  ))}
                </ChipGroup>
              )}
            </View>
          )}
        </View>
      )}
      <Text className="form-label">各主题抽题数</Text>
      <Text className="desk9-note">每人随机抽题，不考的主题留空。共 {total} 题。</Text>
      <View className="quiz-form__topics">
        {TRAINING_TOPICS.map((topic) => (
          <Field
            key={topic}
            label={TOPIC_NAMES[topic]}
            className="quiz-form__topic"
            labelClassName="quiz-form__topic-label"
          >
            {(control) => (
              <Input
                className="form-input quiz-form__count"
                type="number"
                value={counts[topic] ?? ''}
                maxlength={2}
                placeholder="0"
                onInput={(e) => {
                  setCounts((c) => ({ ...c, [topic]: e.detail.value }));
                  clear('draw');
                }}
                {...control}
              />
            )}
          </Field>
        ))}
      </View>
      {errors.draw && <Text className="field-error quiz-form__draw-error">{errors.draw}</Text>}
      {(
        [
          ['pass', '及格分数线（%）', '答对题数占总题数的百分比'],
          ['minutes', '答题时间（分钟）', undefined],
          ['attempts', '每人可考次数', '填 0 表示不限次数'],
        ] as [Num, string, string | undefined][]
      ).map(([k, label, hint]) => (
        <Field key={k} label={label} required hint={hint} error={errors[k]}>
          {(control) => (
            <Input
              className={`form-input quiz-form__${k}`}
              type="number"
              value={nums[k]}
              maxlength={3}
              onInput={(e) => {
                const v = e.detail.value;
                setNums((n) => ({ ...n, [k]: v }));
                clear(k);
              }}
              {...control}
            />
          )}
        </Field>
      ))}
      <Field label="开始日期" required error={errors.opensOn}>
        <DatePicker className="quiz-form__opens" label="开始日期" value={opensOn} start={today} onChange={setOpensOn} />
      </Field>
      <Field label="结束日期" required hint="结束日当天仍可答题" error={errors.closesOn}>
        <DatePicker
          className="quiz-form__closes"
          label="结束日期"
          value={closesOn}
          start={opensOn || today}
          onChange={(d) => {
            setClosesOn(d);
            clear('closesOn');
          }}
        />
      </Field>
      {errors.form && <Text className="field-error quiz-form__error">{errors.form}</Text>}
      <View className="desk9-buttons">
        <Button disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button kind="primary" className="quiz-form__publish" onClick={check}>
          发布考试…
        </Button>
      </View>
      <Dialog
        open={!!ready}
        title={`发布“${ready?.title ?? ''}”？`}
        consequence={
          ready
            ? `面向${who}，共 ${ready.draw.reduce((s, d) => s + d.count, 0)} 题，${formatChineseDate(ready.opensOn)}至${formatChineseDate(ready.closesOn)}可答。发布后不能修改或撤回。`
            : undefined
        }
        confirmText="确认发布"
        busy={busy}
        onConfirm={() => void save()}
        onCancel={() => setReady(undefined)}
      />
    </View>
  );
}
