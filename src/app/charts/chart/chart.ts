import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { ECharts, EChartsInitOpts } from 'echarts/core';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import type { ChartOption } from '../chart-option';

/** ECharts, loaded on first use (see echarts-setup.ts): never part of the initial bundle. */
export function loadEcharts(): Promise<typeof import('../echarts-setup')> {
  return import('../echarts-setup');
}

/**
 * Loads ECharts when the page is next idle (e.g. while the model loads), so that evaluating the
 * library — one long task of its own — does not fall into the frame that first draws a chart.
 */
export function prefetchEcharts(): void {
  const load = (): void => {
    void loadEcharts();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 3000 });
  else setTimeout(load, 0);
}

/**
 * How a new option reaches a chart that is already drawn. `replace`: drawn from scratch (ECharts
 * `notMerge`). `merge`: the chart is updated in place — its components (grid, axes, tooltip) are
 * kept and updated, series are matched by id and series missing from the new option removed
 * (`replaceMerge: ['series']`), which costs a fraction of a full redraw; the option builder must
 * then state every property it ever sets (e.g. a mark line with no data rather than none).
 */
export type ChartUpdate = 'replace' | 'merge';

const INIT_OPTS: EChartsInitOpts = { renderer: 'canvas' };
/** The option ngx-echarts creates the chart with: nothing to draw yet. */
const EMPTY: ChartOption = { animation: false };

/**
 * The one place the app touches ngx-echarts: draws `option` on a canvas of `height` pixels, with
 * `label` as the accessible name of the figure. The host gets `data-rendered="true"` once ECharts
 * has finished drawing the first option (a hook for QA and e2e). Options are built by pure
 * functions elsewhere; this component hands them to the chart in tasks of their own, after the
 * change detection that produced them, so that no task of the page does too much at once:
 *
 * 1. ngx-echarts creates the chart (empty) in one task;
 * 2. the first option is drawn in steps of a task each (`firstDrawSteps`): its grid and axes, then
 *    its series, one series type more per step, each merged into the chart drawn so far — a first
 *    draw runs much of ECharts' code for the first time, and in one task it took 50–70 ms;
 * 3. every later option is drawn in one task, as `update` says.
 */
@Component({
  selector: 'pv-chart',
  imports: [NgxEchartsDirective],
  providers: [provideEchartsCore({ echarts: loadEcharts })],
  template: `<div
    class="canvas"
    echarts
    role="img"
    [attr.aria-label]="label()"
    [options]="empty"
    [initOpts]="initOpts"
    [style.height.px]="height()"
    (chartInit)="onInit($event)"
  ></div>`,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .canvas {
      width: 100%;
    }
  `,
  host: { '[attr.data-rendered]': "rendered() ? 'true' : null" },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChartComponent {
  readonly option = input.required<ChartOption>();
  readonly height = input(200);
  readonly label = input.required<string>();
  /** How later options update the drawn chart. */
  readonly update = input<ChartUpdate>('replace');

  /** Emits once, when ECharts has finished drawing the first option. */
  readonly drawn = output<void>();

  protected readonly initOpts = INIT_OPTS;
  protected readonly empty = EMPTY;
  protected readonly rendered = signal(false);
  /** True once ECharts has finished drawing the first option. */
  readonly isRendered = this.rendered.asReadonly();

  private chart: ECharts | null = null;
  /** The newest option not handed to the chart yet. */
  private latest: ChartOption | null = null;
  private handOver: ReturnType<typeof setTimeout> | null = null;
  /** none → steps (the first option being drawn in steps) → full (the first option drawn). */
  private stage: 'none' | 'steps' | 'full' = 'none';

  constructor() {
    effect(() => {
      this.latest = this.option();
      this.schedule();
    });
    inject(DestroyRef).onDestroy(() => {
      if (this.handOver !== null) clearTimeout(this.handOver);
      this.handOver = null;
      this.chart = null;
    });
  }

  protected onInit(chart: ECharts): void {
    this.chart = chart;
    chart.on('finished', () => this.onFinished());
    this.schedule();
  }

  /** Hands the newest option over in a task of its own (one pending task takes the newest). */
  private schedule(): void {
    if (this.chart === null || this.handOver !== null || this.latest === null) return;
    this.handOver = setTimeout(() => {
      this.handOver = null;
      this.draw();
    });
  }

  private draw(): void {
    const chart = this.chart;
    const option = this.latest;
    if (chart === null || chart.isDisposed() || option === null) return;
    this.latest = null;
    if (this.stage === 'none') {
      this.stage = 'steps';
      this.drawInSteps(chart, option);
      return;
    }
    chart.setOption(
      option,
      this.update() === 'merge' ? { replaceMerge: ['series'] } : { notMerge: true },
    );
  }

  /** The first draw, one step per task; then the newest option, if it changed meanwhile. */
  private drawInSteps(chart: ECharts, option: ChartOption): void {
    const steps = firstDrawSteps(option);
    const next = (i: number): void => {
      this.handOver = null;
      if (chart.isDisposed()) return;
      const last = i === steps.length - 1;
      if (last) this.stage = 'full';
      chart.setOption(steps[i], i === 0 ? { notMerge: true } : { replaceMerge: ['series'] });
      if (last) this.schedule();
      else this.handOver = setTimeout(() => next(i + 1));
    };
    next(0);
  }

  private onFinished(): void {
    if (this.stage !== 'full' || this.rendered()) return;
    this.rendered.set(true);
    this.drawn.emit();
  }
}

type SeriesOption = Exclude<NonNullable<ChartOption['series']>, readonly unknown[]>;

/**
 * The options of the first draw's steps: the option without series, then with more and more of
 * its series — up to (not including) the first series of the next type not drawn yet — the last
 * step being `option` itself. Each series type brings code that runs for the first time in its
 * step; each step keeps the order of `option.series` (a step merged into the drawn chart appends).
 */
export function firstDrawSteps(option: ChartOption): ChartOption[] {
  const series: SeriesOption[] = option.series === undefined ? [] : [option.series].flat();
  if (series.length === 0) return [option];
  const seen = new Set<string | undefined>();
  const steps: ChartOption[] = [];
  series.forEach((s, i) => {
    if (seen.has(s.type)) return;
    seen.add(s.type);
    steps.push({ ...option, series: series.slice(0, i) });
  });
  steps.push(option);
  return steps;
}
