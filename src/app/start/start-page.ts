import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { DOCUMENT, DecimalPipe } from '@angular/common';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { InferenceClient } from '../inference/inference-client';
import { DEMO_ROW_SEED, demoFeatureRow } from '../inference/demo-row';

/** Timed model runs of the demo row (after one warm-up run); the median model time is shown. */
const DEMO_RUNS = 5;

export interface DemoCheck {
  readonly pBreak: number;
  readonly medianModelMs: number;
  readonly runs: number;
}

/**
 * The first screen: is the page cross-origin isolated, which runtime the worker uses, and one
 * number the worker computed (P(BREAK) of a fixed seeded row under the loaded model).
 */
@Component({
  selector: 'pv-start-page',
  imports: [DecimalPipe, MatCardModule, MatIconModule, MatProgressBarModule],
  templateUrl: './start-page.html',
  styleUrl: './start-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartPage {
  private readonly client = inject(InferenceClient);
  protected readonly crossOriginIsolated =
    inject(DOCUMENT).defaultView?.crossOriginIsolated === true;
  protected readonly demoSeed = DEMO_ROW_SEED;
  protected readonly state = this.client.state;
  protected readonly backend = this.client.backend;
  protected readonly model = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.model : null;
  });

  protected readonly demo = resource({
    loader: async (): Promise<DemoCheck> => {
      const ready = await this.client.start();
      const modelMs: number[] = [];
      let pBreak = Number.NaN;
      for (let i = 0; i <= DEMO_RUNS; i++) {
        const prediction = await this.client.predict(demoFeatureRow(ready.model.nFeatures), 1);
        pBreak = prediction.values[0];
        if (i > 0) modelMs.push(prediction.timings.modelMs);
      }
      modelMs.sort((a, b) => a - b);
      return { pBreak, medianModelMs: modelMs[Math.floor(modelMs.length / 2)], runs: DEMO_RUNS };
    },
  });

  protected readonly demoError = computed(() => {
    const err = this.demo.error();
    return err ? err.message : null;
  });
}
