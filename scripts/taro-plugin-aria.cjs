// Taro plugin (weapp): let the WXML template render WeChat's accessibility attributes.
// Taro's base template only writes the attributes it knows for each component, so `ariaRole`/`ariaLabel`/…
// set by src/components/ui/a11y.ts would be dropped on weapp. This adds aria-role, aria-label, aria-checked,
// aria-selected, aria-disabled, aria-busy and aria-hidden to View, Text, Button and Image (WeChat reads them
// with its screen reader; see "无障碍" in the mini-program docs). Wire it in config/index.ts:
//   plugins: [path.join(__dirname, '../scripts/taro-plugin-aria.cjs')]
const ARIA = ['aria-role', 'aria-label', 'aria-checked', 'aria-selected', 'aria-disabled', 'aria-busy', 'aria-hidden'];
const COMPONENTS = ['View', 'Text', 'Button', 'Image', 'Input', 'Textarea'];

/** The template patch: `aria-x: ''` renders `aria-x="{{i.ariaX}}"` for each component. */
function ariaPatch() {
  const attrs = Object.fromEntries(ARIA.map((a) => [a, "''"]));
  return Object.fromEntries(COMPONENTS.map((c) => [c, { ...attrs }]));
}

/** Wraps Weapp.prototype.modifyTemplate once, so the platform's own components are merged first. */
function patchWeapp(Weapp) {
  const original = Weapp.prototype.modifyTemplate;
  if (original.__aria) return;
  const patched = function (...args) {
    original.apply(this, args);
    this.template.mergeComponents(this.ctx, ariaPatch());
  };
  patched.__aria = true;
  Weapp.prototype.modifyTemplate = patched;
}

module.exports = (ctx) => {
  if (process.env.TARO_ENV !== 'weapp') return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  patchWeapp(require('@tarojs/plugin-platform-weapp').Weapp);
  void ctx;
};
module.exports.ariaPatch = ariaPatch;
module.exports.patchWeapp = patchWeapp;
