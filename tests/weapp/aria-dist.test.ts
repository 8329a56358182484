// weapp accessibility attributes in the built dist/ (issue 12): run by `npm test` right after the weapp build
// (`jest -c tests/weapp/jest.config.js`). The runtime numbers each attribute (p0, p1, …) from its internal-component
// table; the template built into dist/base.wxml must use the same numbers, or WeChat would read the wrong attribute.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ariaComponents } from '../../config/index';

const ARIA = ['aria-role', 'aria-label', 'aria-checked', 'aria-selected', 'aria-disabled', 'aria-busy', 'aria-hidden'];
const root = path.resolve(__dirname, '..', '..');
const base = path.join(root, 'dist', 'base.wxml');

/** The runtime's alias table, as the weapp runtime computes it: Taro's components, weapp's, then the injected ones. */
const aliases = (): Record<string, Record<string, string>> => {
  const script = `
    import { components } from '@tarojs/plugin-platform-weapp/dist/runtime-utils.js';
    import shared from '@tarojs/shared';
    shared.mergeInternalComponents(components);
    shared.mergeInternalComponents(${JSON.stringify(ariaComponents)});
    console.log(JSON.stringify(shared.getComponentsAlias(shared.internalComponents)));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
};

test('dist/ (after a weapp build): base.wxml renders them under the numbers the runtime gives them; taro.js merges them', () => {
  expect(fs.existsSync(base)).toBe(true); // run `npx taro build --type weapp` first
  const wxml = fs.readFileSync(base, 'utf8');
  const alias = aliases();
  for (const tag of ['view', 'text', 'button', 'image', 'input', 'textarea']) {
    // input and textarea have a dispatching template and _focus/_blur variants: check the ones that render the tag.
    const re = new RegExp(`<template name="tmpl_0_${alias[tag]._num}(?:_\\w+)?">\\s*(<${tag}\\b[^>]*>)`, 'g');
    const tags = [...wxml.matchAll(re)].map((m) => m[1]);
    expect([tag, tags.length > 0]).toEqual([tag, true]);
    for (const a of ARIA) {
      const key = a.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      for (const t of tags) expect(t).toContain(`${a}="{{i.${alias[tag][key]}||''}}"`);
    }
  }
  const runtime = fs.readFileSync(path.join(root, 'dist', 'taro.js'), 'utf8');
  expect(runtime).toContain(`Textarea:${JSON.stringify(ariaComponents.Textarea)}`);
});
