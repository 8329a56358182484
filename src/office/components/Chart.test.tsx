import { render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Chart, buildChart, chartHeight, countScale, type ChartSpec } from './Chart';

// F2 itself draws on a real canvas; here its Canvas records what it was given and the element tree is plain data.
const made: { props: Record<string, unknown>; render: jest.Mock; destroy: jest.Mock }[] = [];
jest.mock('@antv/f2', () => {
  const tag = (name: string) => Object.assign(() => null, { displayName: name });
  return {
    Chart: tag('Chart'),
    Axis: tag('Axis'),
    Interval: tag('Interval'),
    Legend: tag('Legend'),
    jsx: (type: unknown, props: Record<string, unknown>, ...children: unknown[]) => ({
      type,
      props: { ...props, ...(children.length ? { children } : {}) },
    }),
    Canvas: class {
      render = jest.fn(() => Promise.resolve());
      destroy = jest.fn();
      constructor(public props: Record<string, unknown>) {
        made.push(this);
      }
    },
  };
});

// Taro's h5 <Canvas> (the web component taro-canvas-core) as it behaves: after each of its renders it assigns its
// inner canvas's width and height (componentDidRender), and its first render is followed by a second one (it stores
// the measured size in its own reflected props). Assigning a canvas's width wipes what was drawn on it.
const taroSized: HTMLCanvasElement[] = [];
jest.mock('@tarojs/components', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.mock's factory cannot use imports
  const React = require('react') as typeof import('react');
  const actual = jest.requireActual('../../test-support/taro-components');
  function Canvas(props: { id?: string; className?: string; style?: Record<string, string> }) {
    const ref = React.useRef<HTMLCanvasElement>(null);
    const [renders, setRenders] = React.useState(1);
    React.useEffect(() => {
      const canvas = ref.current!;
      canvas.width = parseInt(props.style?.width ?? '300', 10) || 300;
      taroSized.push(canvas);
      if (renders === 1) setTimeout(() => setRenders(2), 20);
    });
    return React.createElement('canvas', { ref, id: props.id, className: props.className, 'data-renders': renders });
  }
  return { ...actual, Canvas };
});

type El = { type: { displayName: string }; props: Record<string, unknown> & { children?: El[] } };
const kids = (el: El) => (el.props.children ?? []).map((c) => c.type.displayName);
const child = (el: El, name: string) => el.props.children!.find((c) => c.type.displayName === name)!;

const BAR: ChartSpec = {
  kind: 'bar',
  rows: [
    { label: '共康二村', value: 12 },
    { label: '庙行村', value: 3 },
  ],
};

beforeEach(() => {
  made.length = 0;
  taroSized.length = 0;
  process.env.TARO_ENV = 'h5';
});

test('bar: transposed, first row on top, the values from the rows', () => {
  const el = buildChart(BAR) as El;
  expect(el.type.displayName).toBe('Chart');
  expect(el.props.coord).toEqual({ transposed: true });
  expect(el.props.data).toEqual([
    { label: '庙行村', value: 3 },
    { label: '共康二村', value: 12 },
  ]);
  expect(kids(el)).toEqual(['Axis', 'Axis', 'Interval']);
  expect(child(el, 'Interval').props).toMatchObject({ x: 'label', y: 'value' });
  expect(chartHeight(BAR)).toBe(120);
  expect(chartHeight({ kind: 'bar', rows: Array.from({ length: 10 }, (_, i) => ({ label: `${i}`, value: i })) })).toBe(
    376,
  );
});

test('trend: two series side by side under their names, zeros kept', () => {
  const el = buildChart({
    kind: 'trend',
    names: ['举报', '已销号'],
    rows: [
      { label: '11月1日', total: 4, closed: 1 },
      { label: '11月2日', total: 0, closed: 0 },
    ],
  }) as unknown as El;
  expect(el.props.data).toEqual([
    { label: '11月1日', type: '举报', value: 4 },
    { label: '11月1日', type: '已销号', value: 1 },
    { label: '11月2日', type: '举报', value: 0 },
    { label: '11月2日', type: '已销号', value: 0 },
  ]);
  expect(child(el, 'Interval').props).toMatchObject({ adjust: 'dodge', color: { field: 'type' } });
  expect(kids(el)).toContain('Legend');
});

test('ring: polar, stacked, empty slices left out', () => {
  const el = buildChart({
    kind: 'ring',
    rows: [
      { label: '待受理', value: 2 },
      { label: '已销号', value: 0 },
    ],
  }) as unknown as El;
  expect(el.props.coord).toMatchObject({ type: 'polar', transposed: true });
  expect(el.props.data).toEqual([{ a: '1', label: '待受理', value: 2 }]);
});

test('h5: draws into the canvas element at the device pixel ratio, redraws on new data, destroys on unmount', async () => {
  const ctx = {} as CanvasRenderingContext2D;
  const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as never);
  const box = jest
    .spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect')
    .mockReturnValue({ width: 300, height: 120 } as DOMRect);
  (Taro as unknown as { getSystemInfoSync: () => { pixelRatio: number } }).getSystemInfoSync = () => ({
    pixelRatio: 3,
  });
  const { container, rerender, unmount } = render(<Chart spec={BAR} />);
  await waitFor(() => expect(made).toHaveLength(1));
  const canvas = container.querySelector('canvas')!;
  expect(canvas.closest('[aria-hidden="true"]')).toBeTruthy();
  expect(canvas.width).toBe(900);
  expect(canvas.height).toBe(360);
  expect(made[0].props).toMatchObject({ context: ctx, pixelRatio: 3, width: 300, height: 120, animate: false });
  expect(made[0].render).toHaveBeenCalled();

  rerender(<Chart spec={BAR} />); // same numbers: nothing redrawn
  expect(made).toHaveLength(1);
  rerender(<Chart spec={{ kind: 'bar', rows: [{ label: '共康二村', value: 13 }] }} />);
  await waitFor(() => expect(made).toHaveLength(2));
  expect(made[0].destroy).toHaveBeenCalled();
  unmount();
  expect(made[1].destroy).toHaveBeenCalled();
  getContext.mockRestore();
  box.mockRestore();
});

test('weapp: the node from a selector query (node + size) after the next tick', async () => {
  process.env.TARO_ENV = 'weapp';
  const raf = jest.fn(() => 1);
  const node = {
    width: 0,
    height: 0,
    getContext: jest.fn(() => ({ weapp: true })),
    requestAnimationFrame: raf,
    createImage: jest.fn(),
  };
  const offscreen = { offscreen: true };
  const fields = jest.fn(() => ({
    exec: (cb: (res: unknown[]) => void) => cb([{ node, width: 320, height: 240 }]),
  }));
  const select = jest.fn(() => ({ fields }));
  Object.assign(Taro, {
    nextTick: (fn: () => void) => fn(),
    createSelectorQuery: () => ({ select }),
    getSystemInfoSync: () => ({ pixelRatio: 2 }),
    createOffscreenCanvas: jest.fn(() => offscreen),
  });
  render(<Chart spec={{ kind: 'ring', rows: [{ label: '待受理', value: 1 }] }} />);
  await waitFor(() => expect(made).toHaveLength(1));
  expect(select).toHaveBeenCalledWith(expect.stringMatching(/^#office-chart-\d+$/));
  expect(fields).toHaveBeenCalledWith({ node: true, size: true });
  expect(node.width).toBe(640);
  expect(node.height).toBe(480);
  expect(made[0].props).toMatchObject({ context: { weapp: true }, pixelRatio: 2, width: 320, height: 240 });
  // What F2 cannot find in the mini-program: an offscreen canvas for text, the node's frame timer and images.
  expect(made[0].props.offscreenCanvas).toBe(offscreen);
  (made[0].props.requestAnimationFrame as () => void)();
  expect(raf).toHaveBeenCalled();
  expect(typeof made[0].props.createImage).toBe('function');
});

test('a page still hidden (canvas 0 px wide) is drawn once it shows', async () => {
  const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as never);
  let width = 0;
  const box = jest
    .spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect')
    .mockImplementation(() => ({ width, height: 120 }) as DOMRect);
  render(<Chart spec={BAR} />);
  await new Promise((r) => setTimeout(r, 250));
  expect(made).toHaveLength(0);
  width = 300;
  await waitFor(() => expect(made).toHaveLength(1));
  expect(made[0].props).toMatchObject({ width: 300 });
  getContext.mockRestore();
  box.mockRestore();
});

test('no canvas context (an old device): nothing drawn, no error', async () => {
  const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  const box = jest
    .spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect')
    .mockReturnValue({ width: 300, height: 120 } as DOMRect);
  render(<Chart spec={BAR} />);
  await waitFor(() => expect(getContext).toHaveBeenCalled());
  expect(made).toHaveLength(0);
  getContext.mockRestore();
  box.mockRestore();
});

test('h5: a plain <canvas> that only the chart sizes — Taro’s <Canvas> re-sized (wiped) it after F2 had drawn', async () => {
  const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as never);
  const box = jest
    .spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect')
    .mockReturnValue({ width: 300, height: 120 } as DOMRect);
  (Taro as unknown as { getSystemInfoSync: () => { pixelRatio: number } }).getSystemInfoSync = () => ({
    pixelRatio: 3,
  });
  const { container } = render(<Chart spec={BAR} />);
  await waitFor(() => expect(made[0]?.render).toHaveBeenCalled());
  await new Promise((r) => setTimeout(r, 100)); // past Taro's second render
  const canvas = container.querySelector('canvas')!;
  expect(canvas.parentElement?.classList.contains('office-chart')).toBe(true);
  expect(taroSized).toEqual([]);
  expect(canvas.width).toBe(900);
  getContext.mockRestore();
  box.mockRestore();
});

test('h5: drawn again when the chart’s box gets another width (not cut off), not when the width stays', async () => {
  const observers: { cb: () => void; disconnect: jest.Mock; observed?: Element }[] = [];
  const saved = (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = class {
    disconnect = jest.fn();
    observed?: Element;
    constructor(public cb: () => void) {
      observers.push(this);
    }
    observe(el: Element) {
      this.observed = el;
    }
  };
  const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as never);
  // F2 fixes the canvas's CSS width in px when it draws: the canvas keeps reporting 390, the box around it follows
  // the window.
  let width = 390;
  const box = jest.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    return { width: this instanceof HTMLCanvasElement ? 390 : width, height: 120 } as DOMRect;
  });
  const { container, unmount } = render(<Chart spec={BAR} />);
  await waitFor(() => expect(made).toHaveLength(1));
  expect(observers).toHaveLength(1);
  expect(observers[0].observed).toBe(container.querySelector('.office-chart'));
  observers[0].cb(); // the same width: nothing to do
  await new Promise((r) => setTimeout(r, 100));
  expect(made).toHaveLength(1);
  width = 320;
  observers[0].cb();
  await waitFor(() => expect(made).toHaveLength(2));
  expect(made[0].destroy).toHaveBeenCalled();
  expect(made[1].props).toMatchObject({ width: 320 });
  unmount();
  expect(observers[0].disconnect).toHaveBeenCalled();
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = saved;
  getContext.mockRestore();
  box.mockRestore();
});

test('counts on the value axis: whole numbers from 0, at most 4 steps, the top at or above the largest', () => {
  expect(countScale(0)).toEqual({ min: 0, max: 1, ticks: [0, 1] });
  expect(countScale(2)).toEqual({ min: 0, max: 2, ticks: [0, 1, 2] });
  expect(countScale(4)).toEqual({ min: 0, max: 4, ticks: [0, 1, 2, 3, 4] });
  expect(countScale(5)).toEqual({ min: 0, max: 6, ticks: [0, 2, 4, 6] });
  expect(countScale(8)).toEqual({ min: 0, max: 8, ticks: [0, 2, 4, 6, 8] });
  expect(countScale(9)).toEqual({ min: 0, max: 10, ticks: [0, 5, 10] });
  expect(countScale(41).ticks).toEqual([0, 20, 40, 60]);
  expect(countScale(12345).ticks).toEqual([0, 5000, 10000, 15000]);
  const bar = buildChart(BAR) as El;
  expect(bar.props.scale).toEqual({ value: { min: 0, max: 15, ticks: [0, 5, 10, 15] } });
});
