import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
// Code shared with the cloud functions lives outside src/ and must be compiled too.
const sharedSources = [path.join(root, 'types'), path.join(root, 'config', 'town')];
// weapp only: Taro compiles just src/ and Taro's own packages, so node_modules would ship as published (zod is
// ES2020). project.config.json keeps `setting.es6`/`enhance` off, and old iOS (below 13.4) cannot parse ES2020:
// every package goes through babel-preset-taro down to the package.json browserslist (ES5). The preset itself
// leaves @babel/runtime and core-js alone. `node scripts/check-es5.mjs` checks dist/ after the build.
const nodeModules = (file: string) => /[\\/]node_modules[\\/]/.test(file);

// weapp only: Taro's template renders only the attributes it knows per component, so WeChat's accessibility
// attributes (set by src/components/ui/a11y.ts as ariaRole/ariaLabel/…) would be dropped. @tarojs/plugin-inject
// adds them to both the build template (dist/base.wxml renders `aria-role="{{i.x}}"`) and the runtime's
// internal-component table, from which the attribute alias numbers are computed — so the two always agree.
const ARIA = ['aria-role', 'aria-label', 'aria-checked', 'aria-selected', 'aria-disabled', 'aria-busy', 'aria-hidden'];
const ARIA_COMPONENTS = ['View', 'Text', 'Button', 'Image', 'Input', 'Textarea'];
export const ariaComponents = Object.fromEntries(
  ARIA_COMPONENTS.map((c) => [c, Object.fromEntries(ARIA.map((a) => [a, "''"]))]),
);

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'miaohang-safety',
    date: '2026-11-29',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // weapp and h5 builds wipe their outputRoot, so each gets its own folder. TARO_OUTPUT_ROOT lets two
    // people build at once in one checkout (then serve it with STATIC_DIR=<that folder>).
    outputRoot: process.env.TARO_OUTPUT_ROOT || (process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist'),
    plugins: process.env.TARO_ENV === 'weapp' ? [['@tarojs/plugin-inject', { components: ariaComponents }]] : [],
    // Build-time settings the app reads; DefinePlugin replaces them (an unknown process.env.X would crash h5).
    defineConstants: {
      'process.env.TARO_APP_GATEWAY': JSON.stringify(process.env.TARO_APP_GATEWAY ?? ''),
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      'process.env.TARO_APP_TMPL_STATUS': JSON.stringify(process.env.TARO_APP_TMPL_STATUS ?? ''),
    },
    // weapp: sitemap.json (which pages WeChat search may index) sits beside app.json; app.config names it.
    copy: {
      patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/sitemap.json' }] : [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [...sharedSources, nodeModules] },
      // Page styles do not depend on the order chunks are concatenated in.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: sharedSources },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
