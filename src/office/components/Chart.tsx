import { Axis, Canvas as F2Canvas, Chart as F2Chart, Interval, Legend, jsx } from '@antv/f2';
import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import './Chart.css';

/*
 * A small wrapper around @antv/f2 5 (office subpackage only), drawn without JSX: the element tree is built with
 * F2's own `h()`. weapp: a Taro <Canvas type="2d">, its node from a selector query (fields node + size) after the
 * next tick. h5: a plain <canvas> element, not Taro's <Canvas>: that web component (taro-canvas-core) sets its inner
 * canvas's width and height again in every componentDidRender — and its first render re-renders itself, since it
 * stores the measured size in its own reflected props — and assigning a canvas's width wipes it, so whenever its
 * late render came after F2 had drawn (应急 staff's view: no 范围 list to load, the figures came first) every
 * chart area stayed blank. The chart is a picture only (aria-hidden): every chart's numbers are also written out
 * as text beside it by the page.
 */

/** Colours from src/styles/tokens.css (canvas cannot read CSS variables). */
export const CHART_COLORS = {
  primary: '#1F5FBF',
  success: '#15723A',
  warning: '#9A5B00',
  danger: '#B42318',
  text2: '#4E5969',
  grid: '#E5E8ED',
  // Ring slices: the semantic set first, then darker neutrals, all ≥ 3 : 1 on white as graphics.
  palette: ['#1F5FBF', '#15723A', '#9A5B00', '#B42318', '#6B3FA0', '#0E7C86', '#4E5969', '#8A4B08', '#2E4A7D'],
};

export type ChartSpec =
  /** Horizontal bars, one per row (by area, department, category group, source). */
  | { kind: 'bar'; rows: { label: string; value: number }[] }
  /** Filed vs 销号 per slot, side by side. */
  | { kind: 'trend'; rows: { label: string; total: number; closed: number }[]; names: [string, string] }
  /** A ring of shares (by status). */
  | { kind: 'ring'; rows: { label: string; value: number }[] };

// F2's h() types each component's props strictly through generics that do not survive a call without JSX;
// the trees below are checked by Chart.test.tsx instead.
type Element = { type: unknown; props: Record<string, unknown> };
const h = jsx as unknown as (type: unknown, props: Record<string, unknown>, ...children: Element[]) => Element;

const LABEL = { fill: CHART_COLORS.text2, fontSize: '28px' };
const GRID = { stroke: CHART_COLORS.grid, lineWidth: '2px' };

/** Height in CSS px that fits the spec (bars grow with their rows so labels never overlap). */
export function chartHeight(spec: ChartSpec): number {
  if (spec.kind === 'bar') return Math.max(120, 36 + spec.rows.length * 34);
  return spec.kind === 'ring' ? 220 : 240;
}

/**
 * The value axis of counts: whole numbers from 0 in at most 4 steps of 1, 2, 5, 10, 20, 50 … (F2's own ticks
 * gave 0.75, 1.5, 2.25 for a department's few reports), its top tick at or above the largest value.
 */
export function countScale(max: number): { min: number; max: number; ticks: number[] } {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let unit = 1; ; unit *= 10) {
    const fit = [1, 2, 5].map((m) => m * unit).find((s) => Math.ceil(top / s) <= 4);
    if (fit) {
      step = fit;
      break;
    }
  }
  const ticks = Array.from({ length: Math.ceil(top / step) + 1 }, (_, i) => i * step);
  return { min: 0, max: ticks[ticks.length - 1], ticks };
}

/** The F2 element tree of a spec (pure; the test reads it). */
export function buildChart(spec: ChartSpec): Element {
  if (spec.kind === 'bar') {
    // Transposed: the first row on top.
    const data = [...spec.rows].reverse().map((r) => ({ label: r.label, value: r.value }));
    return h(
      F2Chart,
      {
        data,
        coord: { transposed: true },
        scale: { value: countScale(Math.max(0, ...data.map((d) => d.value))) },
      },
      h(Axis, { field: 'label', style: { label: LABEL, line: null } }),
      h(Axis, { field: 'value', style: { label: LABEL, grid: GRID } }),
      h(Interval, { x: 'label', y: 'value', color: CHART_COLORS.primary, sizeRatio: 0.6 }),
    );
  }
  if (spec.kind === 'trend') {
    const [filed, closed] = spec.names;
    const data = spec.rows.flatMap((r) => [
      { label: r.label, type: filed, value: r.total },
      { label: r.label, type: closed, value: r.closed },
    ]);
    return h(
      F2Chart,
      {
        data,
        scale: {
          value: countScale(Math.max(0, ...data.map((d) => d.value))),
          label: { tickCount: Math.min(6, spec.rows.length) },
        },
      },
      h(Axis, { field: 'label', style: { label: LABEL } }),
      h(Axis, { field: 'value', style: { label: LABEL, grid: GRID } }),
      h(Interval, {
        x: 'label',
        y: 'value',
        color: { field: 'type', range: [CHART_COLORS.primary, CHART_COLORS.success] },
        adjust: 'dodge',
      }),
      h(Legend, { position: 'top', style: { justifyContent: 'flex-start' }, nameStyle: LABEL }),
    );
  }
  const data = spec.rows.filter((r) => r.value > 0).map((r) => ({ a: '1', label: r.label, value: r.value }));
  return h(
    F2Chart,
    {
      data,
      coord: { type: 'polar', transposed: true, innerRadius: 0.6, radius: 0.85 },
      scale: {},
    },
    h(Interval, {
      x: 'a',
      y: 'value',
      adjust: 'stack',
      color: { field: 'label', range: CHART_COLORS.palette },
    }),
    h(Legend, { position: 'right', nameStyle: LABEL }),
  );
}

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D | null;
  /** weapp's canvas node only. */
  requestAnimationFrame?: (fn: () => void) => number;
  cancelAnimationFrame?: (id: number) => void;
  createImage?: () => unknown;
}

interface Found {
  node: CanvasNode;
  width: number;
  height: number;
  /** What F2 cannot find on its own in the mini-program (no document, no window): as @antv/f2-wx passes them. */
  extra?: Record<string, unknown>;
}

function weappExtra(node: CanvasNode): Record<string, unknown> {
  const extra: Record<string, unknown> = {
    isTouchEvent: (e: { type: string }) => e.type.startsWith('touch'),
    isMouseEvent: (e: { type: string }) => e.type.startsWith('mouse'),
  };
  if (node.requestAnimationFrame) extra.requestAnimationFrame = node.requestAnimationFrame.bind(node);
  if (node.cancelAnimationFrame) extra.cancelAnimationFrame = node.cancelAnimationFrame.bind(node);
  if (node.createImage) extra.createImage = node.createImage.bind(node);
  // Text is measured on an offscreen canvas (labels' widths).
  const offscreen = (Taro as unknown as { createOffscreenCanvas?: (o: { type: '2d' }) => unknown })
    .createOffscreenCanvas;
  if (offscreen) extra.offscreenCanvas = offscreen({ type: '2d' });
  return extra;
}

/** The mini-program (a Taro <Canvas type="2d"> node); anything else is h5 (a plain <canvas> element). */
function isWeapp(): boolean {
  return process.env.TARO_ENV === 'weapp';
}

/** h5: the CSS width of the chart's box around the canvas (0 while hidden). */
function h5Width(canvas: HTMLElement): number {
  return canvas.parentElement?.getBoundingClientRect().width ?? 0;
}

/** The canvas node, its CSS size and the pixel ratio, per platform; null when it is not there (any more). */
function findCanvas(id: string): Promise<Found | null> {
  if (isWeapp()) {
    return new Promise((resolve) => {
      Taro.nextTick(() => {
        Taro.createSelectorQuery()
          .select(`#${id}`)
          .fields({ node: true, size: true })
          .exec((res: { node?: CanvasNode; width: number; height: number }[] | undefined) => {
            const r = res?.[0];
            resolve(r?.node ? { node: r.node, width: r.width, height: r.height, extra: weappExtra(r.node) } : null);
          });
      });
    });
  }
  const host = typeof document === 'undefined' ? null : document.getElementById(id);
  const el = host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas');
  if (!el) return Promise.resolve(null);
  // The width is the chart's box (.office-chart, full width): F2 fixes the canvas's own CSS width in px when it
  // draws, so after a resize the canvas alone would still report the old width.
  const box = el.getBoundingClientRect();
  const width = h5Width(el) || box.width || el.clientWidth;
  return Promise.resolve({ node: el, width, height: box.height || el.clientHeight });
}

function pixelRatio(): number {
  try {
    return Taro.getSystemInfoSync().pixelRatio || 2;
  } catch {
    return 2;
  }
}

let nextId = 0;

/**
 * One chart: a full-width canvas of a height that fits the spec. Redrawn when the spec changes (compared as
 * JSON), destroyed on unmount. A failure to draw leaves the space blank: the numbers are in the text anyway.
 */
export function Chart({ spec, className = '' }: { spec: ChartSpec; className?: string }) {
  const id = useRef(`office-chart-${++nextId}`).current;
  const key = JSON.stringify(spec);
  const height = chartHeight(spec);
  useEffect(() => {
    let cancelled = false;
    let chart: F2Canvas | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** The CSS width the chart was last drawn at (h5 redraws when the canvas gets another width). */
    let drawnWidth = 0;
    // A page still hidden (h5 keeps it display:none until its transition ends) has a canvas 0 px wide: try
    // again shortly, for up to 3 s (on h5 the resize observer below also draws it once it shows).
    const draw = async (attempt: number): Promise<void> => {
      const found = await findCanvas(id);
      if (cancelled || !found) return;
      if (!found.width) {
        if (attempt < 30) timer = setTimeout(() => void draw(attempt + 1), 100);
        return;
      }
      const context = found.node.getContext('2d');
      if (!context) return;
      chart?.destroy();
      chart = undefined;
      drawnWidth = found.width;
      const ratio = pixelRatio();
      found.node.width = Math.round(found.width * ratio);
      found.node.height = Math.round(found.height * ratio);
      try {
        chart = new F2Canvas({
          context,
          pixelRatio: ratio,
          width: found.width,
          height: found.height,
          animate: false,
          padding: [12, 16, 12, 12],
          px2hd: (v: number) => v / 2,
          children: buildChart(spec),
          ...found.extra,
        });
        await chart.render();
      } catch {
        // Nothing to do: the same numbers are on the page as text.
      }
    };
    void draw(0);
    // h5: when the chart's box gets another width (a page shown, the window turned or resized) the canvas keeps
    // its old size and drawing (cut off or squeezed): draw again at the new width.
    let observer: ResizeObserver | undefined;
    const el = !isWeapp() && typeof ResizeObserver !== 'undefined' ? document.getElementById(id) : null;
    if (el) {
      observer = new ResizeObserver(() => {
        const width = h5Width(el) || el.getBoundingClientRect().width;
        if (!width || Math.abs(width - drawnWidth) < 1) return;
        clearTimeout(timer);
        timer = setTimeout(() => void draw(0), 50);
      });
      observer.observe(el.parentElement ?? el);
    }
    return () => {
      cancelled = true;
      clearTimeout(timer);
      observer?.disconnect();
      chart?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn only when the spec's content changes
  }, [id, key]);
  return (
    <View className={`office-chart ${className}`} aria-hidden="true">
      {isWeapp() ? (
        <Canvas type="2d" id={id} className="office-chart__canvas" style={{ width: '100%', height: `${height}px` }} />
      ) : (
        <canvas id={id} className="office-chart__canvas" style={{ width: '100%', height: `${height}px` }} />
      )}
    </View>
  );
}
