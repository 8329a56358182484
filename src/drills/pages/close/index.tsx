import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { uploadScope } from '../../../../types/user';
import {
  DRILL_RATING_LABELS,
  DRILL_RATINGS,
  DrillRecordInput,
  type DrillDetail,
  type DrillRating,
} from '../../../../types/drill';
import { PhotoUploader } from '../../../components/PhotoUploader';
import { Badge, ButtonPair, Chip, ChipGroup, Dialog, ErrorState, Field, Loading } from '../../../components/ui';
import { evidenceProblem, usePhotoUploads } from '../../../hooks/usePhotoUploads';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { asCloudError, issueMap, zodIssues } from '../../../services/errors';
import { goBack, goTo } from '../../../services/navigate';
import { DrillGate } from '../../components/DrillGate';
import { scrollToFirstError } from '../../components/scroll';
import { PLAN_ROLES, detailUrl, durationText, headcountText } from '../../components/words';
import '../../../components/Photos.css';

type Key = 'problems' | 'improvements' | 'rating' | 'evaluation' | 'photos' | 'form';

const TEXTS: { key: 'problems' | 'improvements' | 'evaluation'; label: string; hint: string }[] = [
  { key: 'problems', label: '发现的问题', hint: '如：二楼东侧安全出口被货物堵住；有 2 人不知道集合点。没有请写“无”' },
  { key: 'improvements', label: '改进措施', hint: '如：每周检查安全出口；新员工入职时讲清集合点。没有请写“无”' },
  { key: 'evaluation', label: '评估意见', hint: '演练是否达到目的，人员反应和组织指挥情况' },
];

function RecordForm({ drill }: { drill: DrillDetail }) {
  const photos = usePhotoUploads(uploadScope.drill(drill.id));
  const [text, setText] = useState({ problems: '', improvements: '', evaluation: '' });
  const [rating, setRating] = useState<DrillRating>();
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const record = { ...text, rating: rating as DrillRating, photos: photos.fileIDs };

  const check = () => {
    const found: Partial<Record<Key, string>> = {};
    const parsed = DrillRecordInput.safeParse(record);
    if (!parsed.success) Object.assign(found, issueMap(zodIssues(parsed.error.issues)));
    const evidence = evidenceProblem(photos, '请上传至少 1 张现场照片');
    if (evidence) found.photos = evidence;
    setErrors(found);
    if (Object.keys(found).length) return scrollToFirstError('.drill-close');
    setConfirm(true);
  };
  const submit = async () => {
    setBusy(true);
    try {
      await api.drill.close({ drillId: drill.id, record });
      setConfirm(false);
      void goTo(detailUrl(drill.id), { replace: true });
    } catch (e) {
      setConfirm(false);
      const err = asCloudError(e, '提交失败，请重试');
      const map = issueMap(err.issues.map((i) => ({ ...i, path: i.path.replace(/^record\./, '') })));
      setErrors(Object.keys(map).length ? map : { form: err.message });
      scrollToFirstError('.drill-close');
    } finally {
      setBusy(false);
    }
  };

  /** One of the record's three texts (问题 and 改进 before the rating chips, 评估意见 after). */
  const textField = (t: (typeof TEXTS)[number]) => (
    <Field key={t.key} label={t.label} required hint={t.hint} error={errors[t.key]} className="drills__field">
      {(control) => (
        <Textarea
          className={`form-textarea drills__textarea drill-close__${t.key}`}
          value={text[t.key]}
          maxlength={1000}
          onInput={(e) => {
            setText((old) => ({ ...old, [t.key]: e.detail.value }));
            setErrors((old) => ({ ...old, [t.key]: undefined }));
          }}
          {...control}
        />
      )}
    </Field>
  );

  return (
    <View className="drill-close">
      <View className="drills__section">
        <Text className="drills__title">{drill.title}</Text>
        <Text className="drills__line">
          {headcountText(drill.checkedIn, drill.expectedCount, drill.audience === 'open')}
        </Text>
        {drill.evacuationSeconds !== undefined && (
          <Text className="drills__line">疏散用时：{durationText(drill.evacuationSeconds)}</Text>
        )}
        <Text className="drills__meta">签到人数、未到人员由系统按签到记录自动写入记录。</Text>
      </View>
      <View className="drills__section">
        {TEXTS.slice(0, 2).map(textField)}
        <Field label="评估结论" required error={errors.rating} className="drills__field">
          {(control) => (
            <ChipGroup label="评估结论" control={control} className="drill-close__rating">
              {DRILL_RATINGS.map((r) => (
                <Chip
                  key={r}
                  active={rating === r}
                  label={DRILL_RATING_LABELS[r]}
                  onClick={() => {
                    setRating(r);
                    setErrors((old) => ({ ...old, rating: undefined }));
                  }}
                />
              ))}
            </ChipGroup>
          )}
        </Field>
        {TEXTS.slice(2).map(textField)}
        <Field
          label="现场照片"
          required
          hint="1—9 张：集合点清点、疏散过程等"
          error={errors.photos}
          className="drills__field"
        >
          <PhotoUploader photos={photos} className="drill-close__photos" />
        </Field>
      </View>
      {errors.form && <Text className="drills__notice drills__notice--danger field-error">{errors.form}</Text>}
      <View className="drills__section">
        <ButtonPair
          primary="提交演练记录…"
          primaryClassName="drill-close__submit"
          onPrimary={check}
          onCancel={() => void goBack()}
        />
      </View>
      <Dialog
        open={confirm}
        title="提交演练记录并归档？"
        consequence="归档后记录不能再修改，本企业的演练完成日期将更新为这次演练的日期。"
        confirmText="提交并归档"
        busy={busy}
        onConfirm={() => void submit()}
        onCancel={() => setConfirm(false)}
      />
    </View>
  );
}

function Close({ id }: { id: string }) {
  const drill = useRemote(() => api.drill.detail(id), [id]);
  if (!drill.data)
    return drill.error ? <ErrorState message={drill.error.message} onRetry={drill.reload} /> : <Loading />;
  const d = drill.data;
  if (!d.may.manage || d.status !== 'allClear')
    return (
      <View className="drills__section">
        <Badge tone="neutral">{d.statusLabel}</Badge>
        <Text className="drills__line">
          {!d.may.manage
            ? '只有演练的组织者可以填写演练记录。'
            : d.status === 'closed'
              ? '这场演练的记录已经归档。'
              : '请先在演练现场页“开始演练”并“解除警报”，再填写演练记录。'}
        </Text>
        <ButtonPair
          primary="查看演练详情"
          onPrimary={() => void goTo(detailUrl(id), { replace: true })}
          onCancel={() => void goBack()}
          cancel="返回"
        />
      </View>
    );
  return <RecordForm drill={d} />;
}

/** 填写演练记录 (the organiser, after the all-clear): the record, then the drill is closed and archived. */
export default function DrillClosePage() {
  const id = useRouter().params.id ?? '';
  return (
    <DrillGate roles={PLAN_ROLES} className="drill-close-page" text="此页面仅供演练的组织者使用">
      {() => (id ? <Close id={id} /> : <ErrorState message="没有找到这场演练，请从演练列表打开。" />)}
    </DrillGate>
  );
}
