import { defaultSettings } from '../../domain/settings/analyst-settings';
import { testSignal } from '../dashboard/testing/test-signals';
import { explainRulesFromSettings, withActiveDecision } from './active-decision';

describe('withActiveDecision', () => {
  const signal = testSignal({ threshold: 0.5, decision: 'BREAK' }); // p_break 0.67, T30_60

  it('recomputes decision and threshold from p_break and the bucket threshold in force', () => {
    const seen: string[] = [];
    const shown = withActiveDecision(signal, (b) => {
      seen.push(b);
      return 0.7;
    });
    expect(seen).toEqual(['T30_60']);
    expect(shown.threshold).toBe(0.7);
    expect(shown.decision).toBe('REJECT');
    expect(withActiveDecision(signal, () => 0.67).decision).toBe('BREAK'); // a tie is BREAK
    expect(withActiveDecision(signal, () => 0.2).decision).toBe('BREAK');
  });

  it('returns the same object when nothing changes, and leaves base-rate signals alone', () => {
    expect(withActiveDecision(signal, () => 0.5)).toBe(signal);
    const baseRate = testSignal({
      prediction: { ...signal.prediction, method: 'base_rate' },
      decision: 'BREAK',
      threshold: 0.5,
    });
    expect(withActiveDecision(baseRate, () => 0.9)).toBe(baseRate);
  });
});

describe('explainRulesFromSettings', () => {
  it('sends every bucket the threshold in force and the confidence cut-offs', () => {
    const s = defaultSettings({ T30_60: 0.58 });
    const off = explainRulesFromSettings(s);
    expect(off.thresholds.T30_60).toBe(0.5);
    const on = explainRulesFromSettings({ ...s, timeAdjusted: true });
    expect(on.thresholds.T30_60).toBe(0.58);
    expect(on.thresholds.T0_15).toBe(0.5);
    expect(on.cutoffs).toEqual(s.confidence);
  });
});
