import { z } from 'zod';

/**
 * zod's own messages are English ("Expected number, received string"); every message the app shows
 * or the API returns must be Chinese (DESIGN.md §3). Schemas that say something more specific keep it.
 */
const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  date: '日期',
  undefined: '空',
  null: '空',
  nan: '非数字',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;

export const chineseErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: '必填' };
      return { message: `应为${typeName(issue.expected)}，收到的是${typeName(issue.received)}` };
    case z.ZodIssueCode.invalid_literal:
      return { message: `应为 ${JSON.stringify(issue.expected)}` };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: `不认识的字段：${issue.keys.join('、')}` };
    case z.ZodIssueCode.invalid_union:
    case z.ZodIssueCode.invalid_union_discriminator:
      return { message: '取值无效' };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `取值无效，应为 ${issue.options.map(String).join(' / ')} 之一` };
    case z.ZodIssueCode.invalid_string:
      return { message: '格式无效' };
    case z.ZodIssueCode.too_small:
      if (issue.type === 'array') return { message: `至少 ${issue.minimum} 项` };
      if (issue.type === 'string') return { message: `至少 ${issue.minimum} 个字` };
      return { message: `不能小于 ${issue.minimum}` };
    case z.ZodIssueCode.too_big:
      if (issue.type === 'array') return { message: `最多 ${issue.maximum} 项` };
      if (issue.type === 'string') return { message: `不超过 ${issue.maximum} 个字` };
      return { message: `不能大于 ${issue.maximum}` };
    case z.ZodIssueCode.not_finite:
      return { message: '应为有限的数字' };
    case z.ZodIssueCode.not_multiple_of:
      return { message: `应为 ${issue.multipleOf} 的倍数` };
    case z.ZodIssueCode.invalid_date:
      return { message: '日期无效' };
    default:
      return { message: ctx.defaultError === 'Invalid input' ? '输入无效' : '输入有误' };
  }
};

z.setErrorMap(chineseErrorMap);
