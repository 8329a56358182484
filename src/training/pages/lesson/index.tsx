import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { TrainingTopic } from '../../../../types/training';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { a11y, Button, pressable } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';
import { goTo } from '../../../services/navigate';
import { PAGES, sourceText } from '../../training';
import '../../training.css';
import './index.css';

/**
 * The reader: one section at a time (big text, 上一节 / 下一节), a contents list with ✓ for the sections read.
 * A section counts as read once it is opened on screen.
 */
export default function LessonPage() {
  const raw = useRouter().params.topic ?? '';
  const topic = TrainingTopic.safeParse(raw);
  const lesson = useRemote(
    () => (topic.success ? api.training.lesson(topic.data) : Promise.reject(new Error('topic'))),
    [raw],
  );
  const [read, setRead] = useState<string[]>([]);
  const [index, setIndex] = useState<number>();

  const data = lesson.data;
  useEffect(() => {
    if (!data) return;
    setRead(data.readSections);
    // Open at the first section not read yet.
    const first = data.sections.findIndex((s) => !data.readSections.includes(s.id));
    setIndex(first < 0 ? 0 : first);
  }, [data]);

  const section = data && index !== undefined ? data.sections[index] : undefined;
  useEffect(() => {
    if (!data || !section || read.includes(section.id)) return;
    setRead((r) => (r.includes(section.id) ? r : [...r, section.id]));
    // Best effort: a failed mark is sent again next time the section is opened.
    api.training.lessonRead(data.topic, section.id).catch(() => setRead((r) => r.filter((id) => id !== section.id)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [section?.id]);

  const open = (i: number) => {
    setIndex(i);
    void Taro.pageScrollTo?.({ scrollTop: 0, duration: 0 })?.catch?.(() => undefined);
  };

  if (!topic.success) {
    return (
      <Shell className="training lesson">
        <PageState empty emptyText="没有找到这门课程" />
      </Shell>
    );
  }
  if (!data || index === undefined || !section) {
    return (
      <Shell className="training lesson">
        <PageState loading={lesson.loading || !!data} error={lesson.error} onRetry={lesson.reload} />
      </Shell>
    );
  }
  const count = data.sections.length;
  const readCount = data.sections.filter((s) => read.includes(s.id)).length;
  const last = index === count - 1;
  return (
    <Shell className="training lesson">
      <View className="training-section lesson__head">
        <Text className="lesson__title">{data.title}</Text>
        <Text className="training-hint">
          {data.topicName} · 已学 {readCount}/{count} 节
        </Text>
        {index === 0 && <Text className="training-text">{data.intro}</Text>}
      </View>

      <View className="training-section lesson__section">
        <Text className="lesson__position">
          第 {index + 1} 节 / 共 {count} 节
        </Text>
        <Text className="lesson__heading">{section.heading}</Text>
        {section.text.split(/\n\s*\n/).map((p, i) => (
          <Text key={i} className="lesson__text">
            {p}
          </Text>
        ))}
        {section.meaning && (
          <View className="lesson__box lesson__box--meaning">
            <Text className="lesson__box-title">这意味着什么</Text>
            <Text className="lesson__text">{section.meaning}</Text>
          </View>
        )}
        {section.example && (
          <View className="lesson__box lesson__box--example">
            <Text className="lesson__box-title">例子</Text>
            <Text className="lesson__text">{section.example}</Text>
          </View>
        )}
        <Text className="training-hint lesson__source">出处：{sourceText(section.source)}</Text>
        <View className="lesson__nav">
          <Button className="lesson__prev" disabled={index === 0} onClick={() => open(index - 1)}>
            上一节
          </Button>
          {last ? (
            <Button
              kind="primary"
              className="lesson__practice"
              onClick={() => void goTo(PAGES.practice({ topic: data.topic }))}
            >
              学完了，去练习
            </Button>
          ) : (
            <Button kind="primary" className="lesson__next" onClick={() => open(index + 1)}>
              下一节
            </Button>
          )}
        </View>
      </View>

      <View className="training-section lesson__contents">
        <Text className="training-section__title">目录</Text>
        {data.sections.map((s, i) => {
          const done = read.includes(s.id);
          return (
            <View
              key={s.id}
              className={`lesson__item ${i === index ? 'lesson__item--current' : ''}`}
              // Named by its content (number, heading, then the state for screen readers only): a label would
              // have to repeat the visible text exactly, and 5 + 11月… reads as one number.
              {...a11y({ role: 'link' })}
              {...pressable(() => open(i))}
            >
              <Text className={`lesson__mark ${done ? 'lesson__mark--done' : ''}`}>{done ? '✓' : i + 1}</Text>
              <Text className="lesson__item-text">{s.heading}</Text>
              <Text className="lesson__state">{`，${done ? '已学' : '未学'}${i === index ? '，正在看' : ''}`}</Text>
            </View>
          );
        })}
      </View>
    </Shell>
  );
}
