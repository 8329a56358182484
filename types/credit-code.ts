/**
 * 统一社会信用代码 (GB 32100-2015 法人和其他组织统一社会信用代码编码规则).
 *
 * 18 characters from the 31 of `CHARSET` (0-9 and A-Z without I O Z S V), in five parts:
 *   1      登记管理部门代码 (1 机构编制, 5 民政, 9 工商, Y 其他, and the authorities added since:
 *          2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室, N 农业)
 *   2      机构类别代码 (a digit 1-9, e.g. 9-1 企业, 9-2 个体工商户, 9-3 农民专业合作社)
 *   3–8    登记管理机关行政区划码 (GB/T 2260: six digits, the first 1-9)
 *   9–17   主体标识码 (组织机构代码)
 *   18     校验码: each of the first 17 characters' value (its index in CHARSET) times the weight
 *          3^(i) mod 31 (i = 0…16: 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28), summed;
 *          check = 31 − (sum mod 31), and 31 becomes 0; the check is CHARSET[check].
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const CREDIT_CODE_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const AUTHORITIES = '123456789ANY';
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character of the first 17 characters, or null when one is outside the charset. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * CREDIT_CODE_WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_CHARSET[check === 31 ? 0 : check];
}

/** True for a well-formed code (upper case, no spaces: normalise first) whose check character is right. */
export function isValidCreditCode(code: string): boolean {
  if (typeof code !== 'string' || !SHAPE.test(code)) return false;
  if (!AUTHORITIES.includes(code[0])) return false;
  // Stryker disable next-line Regex: code[1] is exactly one character (SHAPE): dropping ^ or $ is equivalent
  if (!/^[1-9]$/.test(code[1])) return false;
  // Stryker disable next-line Regex: the slice is exactly six characters (SHAPE): dropping ^ or $ is equivalent
  if (!/^[1-9]\d{5}$/.test(code.slice(2, 8))) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

export const CREDIT_CODE_MESSAGE = '统一社会信用代码校验不通过，请核对';
