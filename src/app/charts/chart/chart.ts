import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import type { EChartsInitOpts } from 'echarts/core';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import type { ChartOption } from '../chart-option';

/** ECharts, loaded on first use (see echarts-setup.ts): never part of the initial bundle. */
export function loadEcharts(): Promise<typeof import('../echarts-setup')> {
  return import('../echarts-setup');
}

const INIT_OPTS: EChartsInitOpts = { renderer: 'canvas' };

/**
 * The one place the app touches ngx-echarts: draws `option` on a canvas of `height` pixels, with
 * `label` as the accessible name of the figure. The host gets `data-rendered="true"` once ECharts
 * has finished drawing (a hook for QA and e2e). Options are built by pure functions elsewhere;
 * this component only hands them to the chart.
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
    [options]="option()"
    [initOpts]="initOpts"
    [style.height.px]="height()"
    (chartFinished)="onFinished()"
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

  /** Emits once, when ECharts has finished drawing the first time. */
  readonly drawn = output<void>();

  protected readonly initOpts = INIT_OPTS;
  protected readonly rendered = signal(false);
  /** True once ECharts has finished drawing the first time. */
  readonly isRendered = this.rendered.asReadonly();

  protected onFinished(): void {
    if (this.rendered()) return;
    this.rendered.set(true);
    this.drawn.emit();
  }
}
