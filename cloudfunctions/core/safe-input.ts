import { AppError } from './errors';

/** Keys that reach object internals when copied (`target[k] = v`), and nesting no input needs. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_INPUT_DEPTH = 32;

/**
 * JSON.parse makes `"__proto__"` an ordinary own key, which zod's `.strict()` never sees once a copy
 * (`input[k] = v`) has turned it into the object's prototype; its fields would then be read as if sent.
 * Any such key, at any depth, is refused before validation, as is nesting deeper than any action takes
 * (walked without recursion, so no input can exhaust the stack).
 */
export function assertSafeInput(value: unknown): void {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth > MAX_INPUT_DEPTH) throw refuse(path, '输入嵌套过深');
    for (const key of Object.keys(v)) {
      const at = path ? `${path}.${key}` : key;
      if (UNSAFE_KEYS.has(key)) throw refuse(at, `不允许的字段名：${key}`);
      stack.push({ v: (v as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
}

const refuse = (path: string, message: string) =>
  new AppError('INVALID_INPUT', `输入有误：${message}`, [{ path, message }]);
