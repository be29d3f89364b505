import { TestBed } from '@angular/core/testing';
import { AnalyticsPage, ARTIFACT_PATHS } from './analytics-page';
import { ARTIFACT_FETCH } from './artifact-resource';
import { SettingsStore } from '../settings/settings-store';
import { SETTINGS_STORAGE } from '../settings/settings-storage';
import { eventually } from '../charts/testing/chart-option-access';
import {
  featureInteractionsJson,
  historicalStatsJson,
  levelSpecificityJson,
  modelManifestJson,
  modelManifestWithReliabilityJson,
  timeStratificationJson,
} from './testing/analytics-fixtures';

type Files = Record<string, unknown>;

const GOOD: Files = {
  [ARTIFACT_PATHS.timeStratification]: timeStratificationJson(),
  [ARTIFACT_PATHS.levelSpecificity]: levelSpecificityJson(),
  [ARTIFACT_PATHS.featureInteractions]: featureInteractionsJson(),
  [ARTIFACT_PATHS.historicalStats]: historicalStatsJson(),
  [ARTIFACT_PATHS.modelManifest]: modelManifestJson(),
};

async function setup(files: Files) {
  TestBed.configureTestingModule({
    providers: [
      { provide: SETTINGS_STORAGE, useValue: null },
      {
        provide: ARTIFACT_FETCH,
        useValue: async (url: string) => {
          const path = Object.keys(files).find((p) => url.endsWith(`/${p}`));
          if (path === undefined) throw new Error('HTTP 404');
          return files[path];
        },
      },
    ],
  });
  const fixture = TestBed.createComponent(AnalyticsPage);
  await fixture.whenStable();
  const root: HTMLElement = fixture.nativeElement;
  const panel = (id: string): HTMLElement => {
    const el = root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (el === null) throw new Error(`no panel ${id}`);
    return el;
  };
  /** The panel's text with runs of whitespace collapsed. */
  const text = (id: string): string => (panel(id).textContent ?? '').replace(/\s+/g, ' ');
  return { fixture, root, panel, text };
}

const PANELS = [
  'analytics-time-buckets',
  'analytics-thresholds',
  'analytics-levels',
  'analytics-interactions',
  'analytics-reliability',
];

describe('AnalyticsPage', () => {
  it('draws every panel from valid artifacts and flags each as rendered', async () => {
    const { panel, root, text } = await setup(GOOD);
    for (const id of PANELS) {
      expect(await eventually(() => panel(id).getAttribute('data-rendered') === 'true', 8000))
        .withContext(id)
        .toBeTrue();
      expect(panel(id).querySelector('canvas')).withContext(id).not.toBeNull();
    }
    expect(text('analytics-time-buckets')).toContain(
      'Global model: per-bucket models change the out-of-fold AUC by −0.060 (95 % −0.100 to −0.020).',
    );
    expect(text('analytics-levels')).toContain('first touch of the day 51.9% (n 129)');
    expect(text('analytics-levels')).toContain(
      'OR_LOW insufficient data: 40 resolved rows, minimum 60',
    );
    // Two significant pairs get a heatmap; the hypothesised one that is not is listed with its q.
    expect(root.querySelectorAll('[data-testid="analytics-interaction"]').length).toBe(2);
    expect(text('analytics-interactions')).toContain('null_pair (q 0.500, n 756)');
    expect(text('analytics-interactions')).toContain(
      'insufficient data: 0 rows in the high/high cell, minimum 10',
    );
    expect(text('analytics-reliability')).toContain('Same model as the manifest.');
    // This manifest has no bins for independent days: the out-of-fold bins, with a note.
    expect(
      panel('analytics-reliability').querySelector(
        '[data-testid="analytics-reliability-fallback"]',
      ),
    ).not.toBeNull();
  });

  it("draws the manifest's reliability on independent days when it has them", async () => {
    const files: Files = {
      ...GOOD,
      [ARTIFACT_PATHS.modelManifest]: modelManifestWithReliabilityJson(),
    };
    // Even without historical_stats.json (404) the manifest's bins are enough.
    delete files[ARTIFACT_PATHS.historicalStats];
    const { panel, text } = await setup(files);
    expect(
      await eventually(
        () => panel('analytics-reliability').getAttribute('data-rendered') === 'true',
        8000,
      ),
    ).toBeTrue();
    expect(text('analytics-reliability')).toContain(
      '3 bins, n 500 resolved frames on 12 independent days of seed 2 (data/sim-holdout)',
    );
    expect(
      panel('analytics-reliability').querySelector(
        '[data-testid="analytics-reliability-fallback"]',
      ),
    ).toBeNull();
    expect(
      panel('analytics-reliability').querySelector('[data-testid="analytics-panel-error"]'),
    ).toBeNull();
  });

  it('hands the analysis thresholds to the settings as defaults', async () => {
    await setup(GOOD);
    const settings = TestBed.inject(SettingsStore);
    expect(
      await eventually(() => settings.defaults().perBucket.T30_60.threshold === 0.5),
    ).toBeTrue();
    expect(settings.defaults().perBucket.T0_15.threshold).toBe(0.4);
    expect(settings.defaults().perBucket.T120_180.threshold).toBe(0.6);
  });

  it('turns only the panel of a missing or invalid artifact into a message', async () => {
    const broken: Files = { ...GOOD };
    delete broken[ARTIFACT_PATHS.levelSpecificity];
    broken[ARTIFACT_PATHS.historicalStats] = {
      model: { sha256: 'x' },
      confidence: { method: 'm', n: 1, bins: 'none' },
    };
    const { panel } = await setup(broken);
    expect(
      await eventually(
        () => panel('analytics-time-buckets').getAttribute('data-rendered') === 'true',
        8000,
      ),
    ).toBeTrue();
    const levels = panel('analytics-levels').querySelector('[data-testid="analytics-panel-error"]');
    expect(levels?.textContent).toContain(
      'artifacts/level_specificity.json could not be loaded (HTTP 404)',
    );
    const reliability = panel('analytics-reliability').querySelector(
      '[data-testid="analytics-panel-error"]',
    );
    expect(reliability?.textContent).toContain(
      'historical_stats.json: confidence.bins must be an array (found "none")',
    );
    expect(panel('analytics-levels').querySelector('canvas')).toBeNull();
    expect(panel('analytics-levels').getAttribute('data-rendered')).toBeNull();
  });

  it('warns when the reliability bins belong to another model than the manifest', async () => {
    const { root } = await setup({
      ...GOOD,
      [ARTIFACT_PATHS.modelManifest]: modelManifestJson('other'),
    });
    expect(
      await eventually(
        () => root.querySelector('[data-testid="analytics-model-mismatch"]') !== null,
      ),
    ).toBeTrue();
  });
});
