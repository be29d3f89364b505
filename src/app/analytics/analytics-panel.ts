import {
  ChangeDetectionStrategy,
  Component,
  computed,
  contentChildren,
  input,
} from '@angular/core';
import { ChartComponent } from '../charts/chart/chart';

/**
 * A titled panel of the analytics page. While loading it says so; with `errors` it lists them
 * instead of its content (the other panels are unaffected). `data-rendered="true"` is set on the
 * host once every chart inside has been drawn.
 */
@Component({
  selector: 'pv-analytics-panel',
  template: `
    <h2 class="pv-panel-title">{{ heading() }}</h2>
    @if (errors(); as list) {
      <div class="error" role="alert" data-testid="analytics-panel-error">
        <strong>Cannot show this panel.</strong>
        <ul>
          @for (e of list.slice(0, 6); track $index) {
            <li>{{ e }}</li>
          }
          @if (list.length > 6) {
            <li>… and {{ list.length - 6 }} more</li>
          }
        </ul>
      </div>
    } @else if (loading()) {
      <p class="muted">Loading…</p>
    } @else {
      <ng-content />
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .error {
      color: var(--pv-warn);
      font-size: 12px;
      ul {
        margin: 4px 0 0;
        padding-left: 18px;
      }
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  host: {
    class: 'pv-panel',
    role: 'region',
    // Keyboard users reach every panel (and the page scrolls to it); the charts are figures.
    tabindex: '0',
    '[attr.aria-label]': 'heading()',
    '[attr.data-rendered]': "rendered() ? 'true' : null",
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalyticsPanelComponent {
  readonly heading = input.required<string>();
  readonly loading = input(false);
  readonly errors = input<readonly string[] | null>(null);

  private readonly charts = contentChildren(ChartComponent, { descendants: true });
  protected readonly rendered = computed(() => {
    const charts = this.charts();
    return charts.length > 0 && charts.every((c) => c.isRendered());
  });
}
