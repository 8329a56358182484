// The weapp template learns WeChat's aria-* attributes (scripts/taro-plugin-aria.cjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require('./taro-plugin-aria.cjs');

test('after the platform merges its own components, aria-* are added to View/Text/Button', () => {
  const merged: unknown[] = [];
  class FakeWeapp {
    template = { mergeComponents: (_ctx: unknown, patch: unknown) => merged.push(patch) };
    ctx = {};
    modifyTemplate() {
      merged.push('platform');
    }
  }
  plugin.patchWeapp(FakeWeapp);
  plugin.patchWeapp(FakeWeapp); // idempotent
  new FakeWeapp().modifyTemplate();
  expect(merged[0]).toBe('platform');
  expect(merged).toHaveLength(2);
  const patch = merged[1] as Record<string, Record<string, string>>;
  expect(patch.View['aria-role']).toBe("''");
  expect(patch.Text['aria-label']).toBe("''");
  expect(patch.Button['aria-checked']).toBe("''");
});

test('the real weapp platform class has the method the plugin wraps', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Weapp } = require('@tarojs/plugin-platform-weapp');
  expect(typeof Weapp.prototype.modifyTemplate).toBe('function');
});
