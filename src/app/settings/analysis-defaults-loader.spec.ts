import { TestBed } from '@angular/core/testing';
import { AnalysisDefaultsLoader } from './analysis-defaults-loader';
import { SettingsStore } from './settings-store';
import { SETTINGS_STORAGE } from './settings-storage';

function artifact(t3060: number): unknown {
  const bucket = (t: number): unknown => ({ optimal_threshold: t });
  return {
    optimal_thresholds: {
      T0_15: bucket(0.51),
      T15_30: bucket(0.43),
      T30_60: bucket(t3060),
      T60_120: bucket(0.56),
      T120_180: bucket(0.6),
    },
  };
}

function fetchReturning(status: number, body: unknown): typeof fetch {
  return () => Promise.resolve(new Response(JSON.stringify(body), { status }));
}

describe('AnalysisDefaultsLoader', () => {
  let loader: AnalysisDefaultsLoader;
  let store: SettingsStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [{ provide: SETTINGS_STORAGE, useValue: null }] });
    loader = TestBed.inject(AnalysisDefaultsLoader);
    store = TestBed.inject(SettingsStore);
  });

  it('makes the artifact thresholds the defaults', async () => {
    await loader.load(fetchReturning(200, artifact(0.57)));
    expect(store.defaults().perBucket.T30_60.threshold).toBe(0.57);
    expect(store.settings().perBucket.T15_30.threshold).toBe(0.43);
    expect(loader.problem()).toBeNull();
  });

  it('keeps the defaults and says why when the artifact is missing', async () => {
    await loader.load(fetchReturning(404, {}));
    expect(store.defaults().perBucket.T30_60.threshold).toBe(0.5);
    expect(loader.problem()).toMatch(/HTTP 404/);
  });

  it('keeps the defaults and says why when the artifact is malformed', async () => {
    await loader.load(fetchReturning(200, { optimal_thresholds: 'nope' }));
    expect(store.defaults().perBucket.T30_60.threshold).toBe(0.5);
    expect(loader.problem()).not.toBeNull();
  });
});
