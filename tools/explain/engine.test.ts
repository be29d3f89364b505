import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExplanationEngine } from '../../src/domain/explain/explanation-engine';
import { findStratum } from '../../src/domain/explain/historical-stats';
import { OTHER_DRIVERS } from '../../src/domain/explain/fold-drivers';
import { predictBatch, predictRow } from '../../src/domain/model/tree-ensemble';
import { LevelSignal } from '../../src/domain/signal/level-signal';
import { inZone } from '../../src/domain/time/approach-zone';
import { timeBucket } from '../../src/domain/time/time-bucket';
import { EpisodeVectorBuilder } from '../../src/domain/vector/episode-vector-builder';
import { defaultManifestContent } from '../../src/domain/vector/feature-manifest';
import { statsFromVectors, ticksOf } from './explain-support';
import { dataDrivenEnsemble, simulatedFixture } from './test-fixtures';

const manifest = defaultManifestContent();
const fixture = simulatedFixture(6, 8);
const stats = statsFromVectors(fixture.samples, manifest);
const model = dataDrivenEnsemble(fixture.samples, 20, 4, 11);

test('1,000 simulated in-zone frames: shown drivers and sections add up to p_break − base_rate', () => {
  const engine = new ExplanationEngine({ manifest, stats });
  const reference = new EpisodeVectorBuilder();
  const signals: LevelSignal[] = [];
  let maxDriverGap = 0;
  let maxSectionGap = 0;
  let withOther = 0;
  let activeDrivers = 0;
  outer: for (const session of fixture.sessions) {
    for (const tick of ticksOf(session.frames)) {
      const prepared = engine.prepare(tick);
      const outputs = predictBatch(model, prepared.rows);
      const { signals: tickSignals, rejected } = engine.complete(prepared, { outputs });
      assert.equal(rejected.count, 0);
      const inZoneFrames = tick.filter((f) => inZone(f));
      assert.equal(tickSignals.length, inZoneFrames.length);
      for (const f of tick) {
        const x = reference.push(f);
        if (!inZone(f)) continue;
        const s = tickSignals[inZoneFrames.indexOf(f)];
        // p_break is the model on the frame's own vector, built independently
        assert.ok(Math.abs(s.prediction.p_break - predictRow(model, x)) < 1e-6);
        assert.ok(Math.abs(s.prediction.p_reject - (1 - s.prediction.p_break)) < 1e-12);
        // base_rate is the mean model output over the stratum's background
        const stratum = findStratum(stats, f.level_kind, timeBucket(f.minutes_since_open));
        assert.ok(stratum !== undefined);
        const bg = predictBatch(model, stratum.background);
        const mean = bg.reduce((a, b) => a + b, 0) / bg.length;
        assert.ok(Math.abs(s.prediction.base_rate - mean) < 1e-6);
        const shown = [...s.drivers.break, ...s.drivers.reject];
        const driverSum = shown.reduce((a, d) => a + d.edge, 0);
        maxDriverGap = Math.max(
          maxDriverGap,
          Math.abs(driverSum - (s.prediction.p_break - s.prediction.base_rate)),
        );
        const sectionSum = (s.section_contributions ?? []).reduce((a, c) => a + c.edge, 0);
        assert.equal(s.section_contributions?.length, 6);
        maxSectionGap = Math.max(maxSectionGap, Math.abs(sectionSum - s.prediction.edge));
        assert.ok(
          s.drivers.break.every((d) => d.edge > 0) && s.drivers.reject.every((d) => d.edge < 0),
        );
        for (const list of [s.drivers.break, s.drivers.reject]) {
          const named = list.filter((d) => d.name !== OTHER_DRIVERS);
          for (let k = 1; k < named.length; k++)
            assert.ok(Math.abs(named[k - 1].edge) >= Math.abs(named[k].edge));
        }
        if (shown.some((d) => d.name === OTHER_DRIVERS)) withOther++;
        activeDrivers += shown.length;
        signals.push(s);
      }
      if (signals.length >= 1000) break outer;
    }
  }
  assert.ok(signals.length >= 1000, `only ${signals.length} in-zone frames`);
  assert.ok(maxDriverGap < 1e-6, `drivers miss the edge by ${maxDriverGap}`);
  assert.ok(maxSectionGap < 1e-6, `sections miss the edge by ${maxSectionGap}`);
  // the fixture is not degenerate: drivers are shown and some are folded
  assert.ok(activeDrivers / signals.length > 3);
  assert.ok(withOther > 100);
  // strengths are percentiles, descriptions are filled in
  for (const s of signals) {
    for (const d of [...s.drivers.break, ...s.drivers.reject]) {
      assert.ok(d.strength >= 0 && d.strength <= 100);
      assert.ok(d.description.length > 0);
    }
    assert.match(s.context.level_sequence, /^\d+(st|nd|rd|th) (support|resistance) of day$/);
  }
});

test('the same frames give the same signals (seeded attribution)', () => {
  const run = (): LevelSignal[] => {
    const engine = new ExplanationEngine({ manifest, stats });
    const out: LevelSignal[] = [];
    for (const tick of ticksOf(fixture.sessions[0].frames).slice(0, 120)) {
      const prepared = engine.prepare(tick);
      out.push(
        ...engine.complete(prepared, { outputs: predictBatch(model, prepared.rows) }).signals,
      );
    }
    return out;
  };
  const a = run();
  assert.ok(a.length > 0);
  assert.deepEqual(a, run());
});

test('rejected frames are counted with reasons and do not stop the tick', () => {
  const engine = new ExplanationEngine({ manifest, stats });
  const tick = ticksOf(fixture.sessions[0].frames).find((t) => t.some((f) => inZone(f)));
  assert.ok(tick !== undefined);
  const broken = { ...tick[0], atr: -1 };
  const prepared = engine.prepare([broken, 'not a frame', ...tick.slice(1)]);
  assert.equal(prepared.rejected.count, 2);
  assert.equal(prepared.rejected.reasons['frame: frame must be a JSON object'], 1);
  assert.ok(Object.keys(prepared.rejected.reasons).some((k) => k.startsWith('atr:')));
  const { signals } = engine.complete(prepared, { outputs: predictBatch(model, prepared.rows) });
  assert.equal(signals.length, tick.slice(1).filter((f) => inZone(f)).length);
  // a re-sent (older) frame is rejected
  const again = engine.prepare([tick[1]]);
  assert.equal(again.rejected.reasons['seq: not increasing'], 1);
});

test('without a model: method base_rate, p_break = the stratum empirical rate, no drivers, LOW', () => {
  const labelled = fixture.samples.map((s, i) => ({ ...s, label: i % 3 === 0 ? 1 : (0 as 0 | 1) }));
  const labelledStats = statsFromVectors(labelled, manifest);
  const engine = new ExplanationEngine({ manifest, stats: labelledStats });
  let seen = 0;
  for (const tick of ticksOf(fixture.sessions[1].frames).slice(0, 200)) {
    const prepared = engine.prepare(tick, { model: false });
    assert.equal(prepared.nRows, 0);
    const { signals } = engine.complete(prepared, { reason: 'model failed its self-test' });
    for (const s of signals) {
      const frame = tick.find((f) => f.level_kind === s.level.kind);
      assert.ok(frame !== undefined);
      const stratum = findStratum(
        labelledStats,
        s.level.kind,
        timeBucket(frame.minutes_since_open),
      );
      assert.ok(stratum?.baseRate);
      assert.equal(s.prediction.method, 'base_rate');
      assert.equal(s.prediction.method_reason, 'model failed its self-test');
      assert.equal(s.prediction.p_break, stratum.baseRate.breakRate);
      assert.equal(s.prediction.edge, 0);
      assert.equal(s.prediction.confidence, 'LOW');
      assert.equal(s.drivers.break.length + s.drivers.reject.length, 0);
      assert.equal(s.empirical_break_rate, stratum.baseRate.breakRate);
      seen++;
    }
  }
  assert.ok(seen > 20);
});

test('observe takes in history without the model: later signals equal those of a fully explained feed', () => {
  const ticks = ticksOf(fixture.sessions[0].frames);
  // the split point: well into the session, so touches, clusters and lagged features carry over
  const cut = Math.floor(ticks.length / 2);
  const full = new ExplanationEngine({ manifest, stats });
  const caughtUp = new ExplanationEngine({ manifest, stats });
  let rowsFull = 0;
  for (const tick of ticks.slice(0, cut)) {
    const prepared = full.prepare(tick);
    rowsFull += prepared.nRows;
    full.complete(prepared, { outputs: predictBatch(model, prepared.rows) });
  }
  assert.ok(rowsFull > 0, 'the skipped history has in-zone frames');
  const history = ticks.slice(0, cut).flat();
  const observed = caughtUp.observe([...history, 'not a frame']);
  assert.equal(observed.framesSeen, history.length + 1);
  assert.equal(observed.accepted, history.length);
  assert.equal(observed.inZone, history.filter((f) => inZone(f)).length);
  assert.equal(observed.rejected.count, 1);
  assert.equal(observed.rejected.reasons['frame: frame must be a JSON object'], 1);
  // frames already taken in are refused as by prepare
  assert.equal(caughtUp.observe([history[0]]).rejected.reasons['seq: not increasing'], 1);
  let compared = 0;
  let withHistory = 0;
  for (const tick of ticks.slice(cut, cut + 150)) {
    const a = full.prepare(tick);
    const b = caughtUp.prepare(tick);
    const sa = full.complete(a, { outputs: predictBatch(model, a.rows) }).signals;
    const sb = caughtUp.complete(b, { outputs: predictBatch(model, b.rows) }).signals;
    // timings aside, identical: vectors (lagged features), touches, session history, level sequence
    const strip = (s: LevelSignal): LevelSignal => ({ ...s, timings: undefined });
    assert.deepEqual(sb.map(strip), sa.map(strip));
    compared += sa.length;
    withHistory += sa.filter((s) => (s.context.session_history ?? []).length > 0).length;
  }
  assert.ok(compared > 20, `only ${compared} signals compared`);
  assert.ok(withHistory > 0, 'the session history carried over from observed frames');
});
