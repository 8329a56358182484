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
