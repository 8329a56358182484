// Issue 9's "Done when", in the browser: ENT-DEMO's safety manager publishes an enterprise quiz and assigns it to
// the workers with a due date; worker-demo opens it from 安全培训, answers every question (two wrong on purpose),
// hands it in after the confirmation, sees the score and the review, and finds the two in 错题本; the manager then
// sees the worker as done with the score. Every step through the real pages. The browser tests' engine has no demo
// quizzes (the seed skips them under jest), so the quiz is made here, on the page, by the manager.
import fs from 'node:fs';
import path from 'node:path';
import { inDays } from './fixtures';
import { browserSession, screenshot } from './harness';

const session = browserSession();
// The width of a common phone (the harness opens 414 px): the quiz, the result and 错题本 must fit it.
beforeAll(() => session.page.setViewportSize({ width: 390, height: 844 }));

const TITLE = `车间消防与重大隐患考试 ${Date.now().toString(36).slice(-4)}`;
const DUE = inDays(5);
/** 2026-12-04 → "2026 年 12 月 4 日": how the manager's and the worker's cards write the due date. */
const chineseDay = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
};
/** How many to answer wrong on purpose (the first ones of the paper). */
const WRONG = 2;
const DRAW = { fire: 4, 'major-hazard': 4 } as const;
const TOTAL = DRAW.fire + DRAW['major-hazard'];

interface BankQuestion {
  id: string;
  type: 'single' | 'multiple' | 'judge';
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  explanation: string;
}

/**
 * The shipped bank (config/training), by stem: the paper's options are shuffled and the page never holds an
 * answer key, so right and wrong are decided by matching the option texts shown against the bank's answer.
 */
function bankByStem() {
  const dir = path.resolve(__dirname, '../../config/training/questions');
  const byStem = new Map<string, BankQuestion & { rightTexts: string[] }>();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const file = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { questions: BankQuestion[] };
    for (const q of file.questions)
      byStem.set(q.stem.trim(), {
        ...q,
        rightTexts: q.options.filter((o) => q.answer.includes(o.key)).map((o) => o.text),
      });
  }
  return byStem;
}

/** The open dialog (only one is drawn at a time). */
const dialog = () => session.as.visible('.ui-dialog__box');

/** 我的 → 企业安全管理 → 打开培训考试, as the current identity (the manager). */
async function openEnterpriseTraining() {
  const { page, as } = session;
  await as.openHome();
  await as.visible('.home__mine').click();
  await as.visible('.mine__entry:has-text("企业安全管理")').click();
  await page.getByText('打开培训考试', { exact: true }).filter({ visible: true }).click();
  await as.visible('.ent-training').waitFor();
}

/** The quiz's card on the manager's 培训考试 page. */
const quizCard = () => session.as.visible(`.quiz-card:has-text("${TITLE}")`);

/** What the worker answered wrong, by stem (filled by the second test, checked by the third). */
const wrongStems: string[] = [];
let workerScore = 0;

test('the safety manager publishes an enterprise quiz and assigns it to the workers with a due date', async () => {
  const { page, as } = session;
  await as.openHome();
  await as.become('manager-demo');
  await openEnterpriseTraining();

  // 新建本企业考试: title, 4 fire + 4 major-hazard questions, 60 分及格, 20 minutes, 3 tries, closes in 30 days.
  await as.visible('.ent-training__new').click();
  await as.visible('.quiz-form__title input').fill(TITLE);
  const topic = (name: string) => as.visible(`.quiz-form__topic:has-text("${name}") input`);
  await topic('消防安全').fill(String(DRAW.fire));
  await topic('重大事故隐患').fill(String(DRAW['major-hazard']));
  await page.getByText(`共 ${TOTAL} 题。`, { exact: false }).filter({ visible: true }).waitFor();
  await as.visible('.quiz-form__pass input').fill('60');
  await as.visible('.quiz-form__minutes input').fill('20');
  const [y, m, d] = inDays(30).split('-').map(Number);
  await as.visible('.quiz-form__closes .date-picker__y').selectOption(String(y));
  await as.visible('.quiz-form__closes .date-picker__m').selectOption(String(m));
  await as.visible('.quiz-form__closes .date-picker__d').selectOption(String(d));
  await screenshot(page, 'training-01-manager-new-quiz');
  await as.visible('.quiz-form__publish').click();
  await dialog().getByText(`发布“${TITLE}”？`).waitFor();
  await dialog()
    .getByText(new RegExp(`面向本企业人员，共 ${TOTAL} 题`))
    .waitFor();
  await as.visible('.ui-dialog__confirm').click();
  await as.visible('.ent-training__done').getByText(`已发布“${TITLE}”。`, { exact: false }).waitFor();

  // 布置给员工 with a due date five days out, confirmed.
  const card = quizCard();
  await card.waitFor();
  await card.getByText(`共 ${TOTAL} 题 · 60 分及格 · 限时 20 分钟 · 每人可考 3 次`).waitFor();
  await card.locator('.quiz-card__assign').click();
  const [dy, dm, dd] = DUE.split('-').map(Number);
  await card.locator('.assign-form__due .date-picker__y').selectOption(String(dy));
  await card.locator('.assign-form__due .date-picker__m').selectOption(String(dm));
  await card.locator('.assign-form__due .date-picker__d').selectOption(String(dd));
  await screenshot(page, 'training-02-manager-assign');
  await card.locator('.assign-form__save').click();
  await dialog().getByText(`把“${TITLE}”布置给本企业员工？`).waitFor();
  await dialog()
    .getByText(new RegExp(`须在 ${chineseDay(DUE)}（星期.） ?前完成`))
    .waitFor();
  await as.visible('.ui-dialog__confirm').click();
  await as.visible('.ent-training__done').getByText(`已把“${TITLE}”布置给员工`, { exact: false }).waitFor();
  await quizCard().locator('.quiz-card__due').getByText(chineseDay(DUE), { exact: false }).waitFor();
  // Nobody has taken it yet: completion 0 of the enterprise's people.
  await quizCard().locator('.progress__completion').getByText('0%').waitFor();
  await screenshot(page, 'training-03-manager-assigned');
});

test('the worker takes the assigned quiz, sees the score and review, and finds the wrong ones in 错题本', async () => {
  const { page, as } = session;
  const bank = bankByStem();
  await as.openHome();
  await as.become('worker-demo');
  await as.openHome();
  await as.visible('.home__training').click();

  // 安全培训: the assigned quiz with its due date.
  const card = as.visible(`.training-quiz:has-text("${TITLE}")`);
  await card.waitFor();
  // The due date in words, with its weekday, as the manager set it.
  expect((await card.locator('.training-quiz__due').textContent())?.trim()).toMatch(
    new RegExp(`^企业要求 ${chineseDay(DUE)}（星期.）前完成$`),
  );
  await card.getByText(`${TOTAL} 题 · 限时 20 分钟 · 60 分及格`, { exact: false }).waitFor();
  await screenshot(page, 'training-04-worker-home');
  await card.locator('.training-quiz__go').click();

  // The intro, then 开始答题 with its confirmation: the server draws the paper.
  await as
    .visible('.quiz-intro')
    .getByText(new RegExp(`请在 ${chineseDay(DUE)}（星期.）前完成`))
    .waitFor();
  await as.visible('.quiz-intro__start').click();
  await dialog().getByText('现在开始答题？').waitFor();
  await as.visible('.ui-dialog__confirm').click();
  await as.visible('.quiz__question').waitFor();
  await as
    .visible('.quiz-bar__time')
    .getByText(/^剩余 /)
    .waitFor();

  const rightStems: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const box = as.visible('.quiz__question');
    await box.getByText(`第 ${i + 1} 题 / 共 ${TOTAL} 题`).waitFor();
    const stem = ((await box.locator('.question__stem').textContent()) ?? '').trim();
    const q = bank.get(stem);
    if (!q) throw new Error(`question not in the shipped bank: ${stem}`);
    const wrong = i < WRONG;
    const options = box.locator('.option');
    const texts = (await options.locator('.option__text').allTextContents()).map((t) => t.trim());
    expect(texts.sort()).toEqual(q.options.map((o) => o.text).sort());
    // Right: exactly the answer's options. Wrong: one option that is not in the answer.
    const pick = wrong
      ? [texts.find((t) => !q.rightTexts.includes(t)) as string]
      : texts.filter((t) => q.rightTexts.includes(t));
    for (const t of pick) {
      await options
        .filter({ has: page.locator('.option__text', { hasText: t }) })
        .first()
        .click();
    }
    await box.locator('.quiz__save').getByText('已保存', { exact: true }).waitFor();
    (wrong ? wrongStems : rightStems).push(stem);
    if (i < TOTAL - 1) await box.locator('.quiz__next').click();
  }
  await as.visible('.quiz-bar__count').getByText(`已答 ${TOTAL}/${TOTAL}`).waitFor();
  await screenshot(page, 'training-05-worker-answered');

  // 交卷 with its confirmation.
  await as.visible('.quiz__submit').click();
  await dialog().getByText('确认交卷？').waitFor();
  await dialog().getByText(`${TOTAL} 题都已作答。交卷后不能再修改答案。`).waitFor();
  await as.visible('.ui-dialog__confirm').click();

  // The result: the score, passed (6 of 8 = 75 ≥ 60), the certificate, the review with right answers and explanations.
  workerScore = Math.round(((TOTAL - WRONG) * 100) / TOTAL);
  await as.visible('.result__score').waitFor({ timeout: 15000 });
  expect((await as.visible('.result__number').textContent())?.trim()).toBe(`${workerScore} 分`);
  expect((await as.visible('.result__verdict').textContent())?.trim()).toBe('考试通过');
  await as
    .visible('.result__score')
    .getByText(`答对 ${TOTAL - WRONG} 题，共 ${TOTAL} 题；60 分及格`)
    .waitFor();
  await as.visible('.result__certificate').waitFor();
  const review = page.locator('.result__review:visible');
  await review.getByText(`答错的 ${WRONG} 题已加入错题本`, { exact: false }).waitFor();
  expect(await review.locator('.review').count()).toBe(TOTAL);
  expect(await review.locator('.review--wrong').count()).toBe(WRONG);
  for (const stem of wrongStems) {
    const item = review.locator('.review--wrong', { has: page.locator('.review__stem', { hasText: stem }) });
    await item.waitFor();
    const q = bank.get(stem)!;
    const shown = (await item.locator('.review__answer').textContent()) ?? '';
    for (const t of q.rightTexts) expect(shown).toContain(t);
    await item.getByText(q.explanation, { exact: true }).waitFor();
  }
  for (const stem of rightStems) {
    const item = review.locator('.review--right', { has: page.locator('.review__stem', { hasText: stem }) });
    await item.getByText(bank.get(stem)!.explanation, { exact: true }).waitFor();
  }
  await screenshot(page, 'training-06-worker-result');

  // 去错题本: the two answered wrong are there, with the right answer and the explanation.
  await page.getByText('去错题本', { exact: true }).filter({ visible: true }).click();
  const book = page.locator('.wrong-book:visible');
  await book.locator('.wrong-item').first().waitFor();
  expect(await book.locator('.wrong-item').count()).toBe(WRONG);
  for (const stem of wrongStems) {
    const item = book.locator('.wrong-item', { hasText: stem });
    await item.getByText('答错 1 次').waitFor();
    await item.getByText(bank.get(stem)!.explanation, { exact: true }).waitFor();
  }
  await book.getByText(`练习错题（共 ${WRONG} 题）`).waitFor();
  await screenshot(page, 'training-07-worker-wrong-book');
});

test('the manager sees the worker done, with the score, in 查看完成情况', async () => {
  const { page, as } = session;
  await as.openHome();
  await as.become('manager-demo');
  await openEnterpriseTraining();
  const card = quizCard();
  await card.locator('.quiz-card__progress').click();
  const progress = card.locator('.progress');
  await progress.locator('.progress__person').first().waitFor();
  const people = await progress.locator('.progress__person').count();
  expect(people).toBeGreaterThanOrEqual(2); // worker-demo and the manager (both 从业人员 of ENT-DEMO)
  await progress.getByText(`完成率（1/${people} 人考过）`).waitFor();
  await progress.getByText(`合格率（1/${people} 人通过）`).waitFor();
  expect((await progress.locator('.progress__completion').textContent())?.trim()).toBe(`${Math.round(100 / people)}%`);
  const done = progress.locator('.progress__person', { hasText: '已通过' });
  expect(await done.count()).toBe(1);
  await done.getByText(new RegExp(`^考了 1 次 · 最好成绩 ${workerScore} 分 · 最近 `)).waitFor();
  expect(await progress.locator('.progress__person', { hasText: '未完成' }).count()).toBe(people - 1);
  await screenshot(page, 'training-08-manager-progress');
});
