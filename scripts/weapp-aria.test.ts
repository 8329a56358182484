// weapp accessibility attributes (issue 12): config/index.ts wires @tarojs/plugin-inject with aria-* for the
// components src/components/ui/a11y.ts writes them on. The plugin merges them into the build template and into
// the runtime's internal-component table; the runtime numbers each attribute (p0, p1, …) from that table, so the
// template built into dist/base.wxml must use the same numbers (tests/weapp/aria-dist.test.ts checks dist/ after the build).
import { ariaComponents } from '../config/index';

const ARIA = ['aria-role', 'aria-label', 'aria-checked', 'aria-selected', 'aria-disabled', 'aria-busy', 'aria-hidden'];

test('View, Text, Button, Image, Input and Textarea learn every aria attribute a11y() can write', () => {
  for (const c of ['View', 'Text', 'Button', 'Image', 'Input', 'Textarea'])
    expect(Object.keys(ariaComponents[c]).sort()).toEqual([...ARIA].sort());
});
