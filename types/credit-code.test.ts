import { CREDIT_CODE_CHARSET, CREDIT_CODE_WEIGHTS, creditCodeCheckChar, isValidCreditCode } from './credit-code';
import { CreditCode, RegisterEnterpriseInput } from './enterprise';

// Published codes of well-known companies (from their business licences), each checked below by the algorithm.
const PUBLISHED = [
  '91350100M000100Y43', // the example in GB 32100-2015's explanatory material
  '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
  '91330100716105852F', // 阿里巴巴（中国）有限公司
  '914403001922038216', // 华为技术有限公司
];
const DEMO = ['91310113MA1GK0DEMT', '91310113MA1GK5CHX5'];

describe('isValidCreditCode (GB 32100-2015)', () => {
  it('uses the weights 3^i mod 31 over the 31-character set', () => {
    expect(CREDIT_CODE_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 3 ** i % 31));
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    for (const c of 'IOZSV') expect(CREDIT_CODE_CHARSET).not.toContain(c);
  });

  it('computes a check character by hand: 91350100M000100Y4 → 3', () => {
    // values 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4 × weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
    const sum =
      9 * 1 + 1 * 3 + 3 * 9 + 5 * 27 + 0 + 1 * 26 + 0 + 0 + 21 * 20 + 0 + 0 + 0 + 1 * 8 + 0 + 0 + 30 * 30 + 4 * 28;
    expect(sum).toBe(1640);
    expect(31 - (sum % 31)).toBe(3); // 1640 = 52·31 + 28
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each([...PUBLISHED, ...DEMO])('accepts %s', (code) => expect(isValidCreditCode(code)).toBe(true));

  it('maps a check value of 31 to 0', () => {
    // Find a body whose sum is ≡ 0 (mod 31) by varying the last body character; its check must be '0'.
    const body = '91310113MA1GK0DE';
    const last = [...CREDIT_CODE_CHARSET].find((c) => creditCodeCheckChar(body + c) === '0');
    expect(last).toBeDefined();
    const code = `${body}${last}0`;
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('refuses a changed character, a wrong check, forbidden letters and a wrong length', () => {
    for (const code of PUBLISHED) {
      // One body character changed (to another valid one): the check no longer fits.
      const i = 10;
      const changed = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(code[i]) + 1) % 31];
      expect(isValidCreditCode(code.slice(0, i) + changed + code.slice(i + 1))).toBe(false);
      const wrongCheck = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(code[17]) + 1) % 31];
      expect(isValidCreditCode(code.slice(0, 17) + wrongCheck)).toBe(false);
    }
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false); // 17
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false); // 19
    expect(isValidCreditCode('')).toBe(false);
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false); // I
    expect(isValidCreditCode('91350100O000100Y43')).toBe(false); // O
    expect(isValidCreditCode('91350100S000100Y43')).toBe(false); // S
    expect(isValidCreditCode('9135010OZ00010VY43')).toBe(false); // Z, V
    expect(isValidCreditCode('91350100m000100y43')).toBe(false); // lower case: normalise first
  });

  it('checks the authority, type and area characters', () => {
    const withCheck = (body: string) => body + creditCodeCheckChar(body);
    expect(isValidCreditCode(withCheck('91310113MA1GK0DEM'))).toBe(true);
    expect(isValidCreditCode(withCheck('B1310113MA1GK0DEM'))).toBe(false); // no authority B
    expect(isValidCreditCode(withCheck('90310113MA1GK0DEM'))).toBe(false); // type 0
    expect(isValidCreditCode(withCheck('91A10113MA1GK0DEM'))).toBe(false); // area not digits
    expect(isValidCreditCode(withCheck('91010113MA1GK0DEM'))).toBe(false); // area starts 0
    expect(isValidCreditCode(withCheck('Y1310113MA1GK0DEM'))).toBe(true);
    expect(isValidCreditCode(withCheck('52310113MA1GK0DEM'))).toBe(true); // 民政 · 民办非企业单位
  });
});

describe('the schemas', () => {
  it('normalise case and spaces, then check the code with the message the app shows', () => {
    expect(CreditCode.parse(' 9144 0300 7152 6726 xg ')).toBe('9144030071526726XG');
    const bad = CreditCode.safeParse('9144030071526726XH');
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues.map((i) => i.message)).toEqual(['统一社会信用代码校验不通过，请核对']);
    const short = CreditCode.safeParse('914403007152');
    if (!short.success) expect(short.error.issues[0].message).toBe('统一社会信用代码应为 18 位');
    expect(short.success).toBe(false);
  });

  it('RegisterEnterpriseInput refuses a bad code at creditCode', () => {
    const res = RegisterEnterpriseInput.safeParse({
      name: '某某公司',
      creditCode: '91310113MA1GK0DEMU',
      industry: 'trade',
      areaId: 'yq',
      address: '某路 1 号',
      contact: { name: '张三', phone: '13800138000' },
      workerCount: 3,
    });
    expect(res.success).toBe(false);
    if (!res.success) expect(res.error.issues[0]).toMatchObject({ path: ['creditCode'] });
  });
});

describe('creditCodeCheckChar and isValidCreditCode, rule by rule', () => {
  it('answers null for a body that is not exactly 17 characters of the set', () => {
    expect(creditCodeCheckChar('91350100M000100Y')).toBeNull(); // 16
    expect(creditCodeCheckChar('91350100M000100Y43')).toBeNull(); // 18
    expect(creditCodeCheckChar('91350100I000100Y4')).toBeNull(); // I
    expect(creditCodeCheckChar('91350100M000100Y-')).toBeNull(); // last character outside
    expect(creditCodeCheckChar('0'.repeat(17))).toBe('0'); // sum 0: 31 − 0 = 31 → 0
  });

  it('gives every value 0…30 its own check character (the first character alone moves the sum by 1)', () => {
    const seen = new Set<string>();
    for (const c of CREDIT_CODE_CHARSET) seen.add(creditCodeCheckChar(`${c}${'0'.repeat(16)}`) as string);
    expect(seen.size).toBe(31);
    // value 1 → 31 − 1 = 30 → Y; value 30 (Y) → 1.
    expect(creditCodeCheckChar(`1${'0'.repeat(16)}`)).toBe('Y');
    expect(creditCodeCheckChar(`Y${'0'.repeat(16)}`)).toBe('1');
    // The last weight is 28: one at the end → 31 − 28 = 3.
    expect(creditCodeCheckChar(`${'0'.repeat(16)}1`)).toBe('3');
  });

  it('takes only a string: not even a String object of a valid code', () => {
    expect(isValidCreditCode(new String('91350100M000100Y43') as unknown as string)).toBe(false);
    expect(isValidCreditCode(undefined as unknown as string)).toBe(false);
  });

  it('accepts every authority the standard lists, and no other letter', () => {
    const withCheck = (body: string) => body + creditCodeCheckChar(body);
    for (const a of '123456789ANY')
      expect([a, isValidCreditCode(withCheck(`${a}1310113MA1GK0DEM`))]).toEqual([a, true]);
    for (const a of '0BCDEFGHJKLMPQRTUWX')
      expect([a, isValidCreditCode(withCheck(`${a}1310113MA1GK0DEM`))]).toEqual([a, false]);
  });

  it('checks each of the six area digits, and the shape at both ends', () => {
    const withCheck = (body: string) => body + creditCodeCheckChar(body);
    expect(isValidCreditCode(withCheck('913101A3MA1GK0DEM'))).toBe(false); // a letter in the 5th place
    expect(isValidCreditCode(withCheck('9131011AMA1GK0DEM'))).toBe(false); // a letter in the last place
    expect(isValidCreditCode(withCheck('91910113MA1GK0DEM'))).toBe(true);
    // 19 characters whose last 18 are a valid code and whose first 18 would pass every other check: refused.
    const head16 = '91310113MA1GK0DE';
    const valid = withCheck(head16 + creditCodeCheckChar(`9${head16}`));
    expect(isValidCreditCode(valid)).toBe(true);
    expect(isValidCreditCode(`9${valid}`)).toBe(false);
  });
});
