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
import type { EChartsInitOpts } from 'echarts/core';
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

const INIT_OPTS: EChartsInitOpts = { renderer: 'canvas' };

/**
 * The one place the app touches ngx-echarts: draws `option` on a canvas of `height` pixels, with
 * `label` as the accessible name of the figure. The host gets `data-rendered="true"` once ECharts
 * has finished drawing (a hook for QA and e2e). Options are built by pure functions elsewhere;
 * this component only hands them to the chart — in a task of its own, after the change detection
 * that produced them, so that a redraw (tens of milliseconds for a full timeline) and the page
 * update that caused it are two shorter tasks instead of one long one.
 */
@Component({
  selector: 'pv-chart',
  imports: [NgxEchartsDirective],
  providers: [provideEchartsCore({ echarts: loadEcharts })],
  template: `@if (shown(); as shownOption) {
      <div
        class="canvas"
        echarts
        role="img"
        [attr.aria-label]="label()"
        [options]="shownOption"
        [initOpts]="initOpts"
        [style.height.px]="height()"
        (chartFinished)="onFinished()"
      ></div>
    } @else {
      <div class="canvas" [style.height.px]="height()"></div>
    }`,
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

  /** Emits once, when ECharts has finished drawing the first time. */
  readonly drawn = output<void>();

  protected readonly initOpts = INIT_OPTS;
  /** The option handed to ECharts: `option`, one task later. */
  protected readonly shown = signal<ChartOption | null>(null);
  private handOver: ReturnType<typeof setTimeout> | null = null;
  protected readonly rendered = signal(false);
  /** True once ECharts has finished drawing the first time. */
  readonly isRendered = this.rendered.asReadonly();

  constructor() {
    effect(() => {
      const option = this.option();
      if (this.handOver !== null) clearTimeout(this.handOver);
      this.handOver = setTimeout(() => {
        this.handOver = null;
        this.shown.set(option);
      });
    });
    inject(DestroyRef).onDestroy(() => {
      if (this.handOver !== null) clearTimeout(this.handOver);
    });
  }

  protected onFinished(): void {
    if (this.rendered()) return;
    this.rendered.set(true);
    this.drawn.emit();
  }
}
