// config/town/privacy.json: the notice residents agree to before their first report.
import { PrivacyNotice } from '../../types/privacy';
import raw from './privacy.json';

const notice = PrivacyNotice.parse(raw);
const text = [notice.summary, ...notice.sections.map((s) => s.body)].join('\n');

it('parses against the schema', () => {
  expect(notice.version).toBeGreaterThanOrEqual(1);
  expect(notice.sections.length).toBeGreaterThanOrEqual(4);
});

it('states the same retention years in its words as in `retention` (the scheduler applies the number)', () => {
  const years = notice.retention.identityYearsWithoutReward;
  const stated = [...text.matchAll(/满\s*(\d+)\s*年/g)].map((m) => Number(m[1]));
  expect(stated.length).toBeGreaterThanOrEqual(2); // in the summary and in 保存多久
  expect(new Set(stated)).toEqual(new Set([years]));
});

it('says what is collected, who sees it, how long, the rights and whom to contact, in plain words', () => {
  for (const word of ['位置', '照片', '姓名', '手机号', '微信', '看不到', '镇安委办', '删除', '我的个人信息', '联系'])
    expect(text).toContain(word);
  expect(notice.summary).toContain('我的个人信息');
});

it('says what drills and training keep, why and who sees it (issues 9 and 10), in each of the three sections', () => {
  const section = (heading: string) => notice.sections.find((s) => s.heading === heading)?.body ?? '';
  for (const heading of ['我们收集哪些信息', '为什么收集', '谁能看到'])
    for (const word of ['签到', '考试', '合格证书']) expect(`${heading}: ${section(heading)}`).toContain(word);
  for (const word of ['集合点', '定位准不准', '经纬度', '错题本', '学习进度', '成绩']) expect(text).toContain(word);
  // Who sees a check-in list and a score.
  expect(section('谁能看到')).toMatch(/演练的签到名单[^。]*安全管理人员[^。]*镇安委办[^。]*镇领导/);
  expect(section('谁能看到')).toMatch(/错题本和学习进度只有您自己能看到/);
  // The short summary says it too, without the coordinates.
  for (const word of ['演练', '签到', '集合点', '培训考试', '成绩']) expect(notice.summary).toContain(word);
  expect(notice.summary).toContain('不保存您所在的具体位置');
});
