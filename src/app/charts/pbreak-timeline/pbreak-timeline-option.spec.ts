import {
  MIN_SPAN_MS,
  OUTCOME_COLORS,
  buildPBreakTimelineOption,
  timelineModel,
  timelineTooltip,
  type TimelineInput,
  type TimelinePoint,
} from './pbreak-timeline-option';
import { CHART_COLORS } from '../chart-theme';
import { percentTick } from '../chart-format';
import { dataValues, seriesById, allSeries } from '../testing/chart-option-access';

const T0 = Date.parse('2025-03-03T15:00:00Z'); // 10:00 New York
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

function input(points: TimelinePoint[], extra: Partial<TimelineInput> = {}): TimelineInput {
  return { points, threshold: 0.5, outcomes: [], gapMs: 90_000, ...extra };
}

describe('buildPBreakTimelineOption', () => {
  it('draws p_break over feed time on a 0–1 axis labelled in percent', () => {
    const option = buildPBreakTimelineOption(
      input([
        { ts: at(30), p_break: 0.62 },
        { ts: at(0), p_break: 0.41 },
      ]),
    );
    expect(dataValues(seriesById(option, 'p_break'))).toEqual([
      [T0, 0.41],
      [T0 + 30_000, 0.62],
    ]);
    const yAxis = option.yAxis;
    if (yAxis === undefined || Array.isArray(yAxis)) throw new Error('one y axis expected');
    expect(yAxis).toEqual(jasmine.objectContaining({ min: 0, max: 1 }));
    expect(yAxis.axisLabel?.formatter).toBe(percentTick);
    expect(percentTick(0.25)).toBe('25%');
  });

  it('draws a constant threshold as a mark line and no step series', () => {
    const option = buildPBreakTimelineOption(
      input(
        [
          { ts: at(0), p_break: 0.4 },
          { ts: at(30), p_break: 0.6 },
        ],
        { threshold: 0.55 },
      ),
    );
    const line = seriesById(option, 'p_break');
    expect(line.markLine?.data).toEqual([{ yAxis: 0.55 }]);
    expect(allSeries(option).some((s) => s.id === 'threshold')).toBeFalse();
  });

  it('draws per-point thresholds that change as a step line', () => {
    const option = buildPBreakTimelineOption(
      input(
        [
          { ts: at(0), p_break: 0.4, threshold: 0.34 },
          { ts: at(30), p_break: 0.45, threshold: 0.34 },
          { ts: at(60), p_break: 0.5, threshold: 0.64 },
        ],
        { threshold: null },
      ),
    );
    const steps = seriesById(option, 'threshold');
    expect(steps.type).toBe('line');
    expect('step' in steps ? steps.step : undefined).toBe('end');
    expect(dataValues(steps)).toEqual([
      [T0, 0.34],
      [T0 + 30_000, 0.34],
      [T0 + 60_000, 0.64],
    ]);
    expect(seriesById(option, 'p_break').markLine).toBeUndefined();
  });

  it('draws no threshold when there is none', () => {
    const option = buildPBreakTimelineOption(
      input([{ ts: at(0), p_break: 0.4 }], { threshold: null }),
    );
    expect(seriesById(option, 'p_break').markLine).toBeUndefined();
    expect(allSeries(option).some((s) => s.id === 'threshold')).toBeFalse();
  });

  it('marks the points where the decision flips, coloured by the new decision', () => {
    const option = buildPBreakTimelineOption(
      input([
        { ts: at(0), p_break: 0.6, decision: 'BREAK' },
        { ts: at(30), p_break: 0.58, decision: 'BREAK' },
        { ts: at(60), p_break: 0.45, decision: 'REJECT' },
        { ts: at(90), p_break: 0.44, decision: 'REJECT' },
        { ts: at(120), p_break: 0.52, decision: 'BREAK' },
      ]),
    );
    const flips = seriesById(option, 'decision_flips');
    expect(dataValues(flips)).toEqual([
      [T0 + 60_000, 0.45],
      [T0 + 120_000, 0.52],
    ]);
    const colors = (Array.isArray(flips.data) ? flips.data : []).map((d: unknown) =>
      typeof d === 'object' && d !== null && 'itemStyle' in d ? d.itemStyle : null,
    );
    expect(colors).toEqual([
      jasmine.objectContaining({ color: CHART_COLORS.reject }),
      jasmine.objectContaining({ color: CHART_COLORS.break }),
    ]);
  });

  it('derives decisions from the threshold when the points carry none (a tie is BREAK)', () => {
    const model = timelineModel(
      input([
        { ts: at(0), p_break: 0.49 },
        { ts: at(30), p_break: 0.5 },
        { ts: at(60), p_break: 0.3, threshold: 0.25 },
      ]),
    );
    expect(model.rows.map((r) => r.decision)).toEqual(['REJECT', 'BREAK', 'BREAK']);
    expect(model.rows.map((r) => r.flippedTo)).toEqual([null, 'BREAK', null]);
  });

  it('breaks the line where the level paused longer than the gap', () => {
    const option = buildPBreakTimelineOption(
      input([
        { ts: at(0), p_break: 0.4 },
        { ts: at(30), p_break: 0.5 },
        { ts: at(330), p_break: 0.6 },
      ]),
    );
    expect(dataValues(seriesById(option, 'p_break'))).toEqual([
      [T0, 0.4],
      [T0 + 30_000, 0.5],
      [T0 + 30_001, null],
      [T0 + 330_000, 0.6],
    ]);
  });

  it('marks realised outcomes at the p_break in force then, coloured by outcome', () => {
    const option = buildPBreakTimelineOption(
      input(
        [
          { ts: at(0), p_break: 0.4 },
          { ts: at(60), p_break: 0.7 },
        ],
        {
          outcomes: [
            { ts: at(75), outcome: 'BREAK' },
            { ts: at(10), outcome: 'REJECT' },
            { ts: 'not a time', outcome: 'UNRESOLVED' },
          ],
        },
      ),
    );
    const outcomes = seriesById(option, 'outcomes');
    expect(dataValues(outcomes)).toEqual([
      [T0 + 10_000, 0.4],
      [T0 + 75_000, 0.7],
    ]);
    expect(outcomes.markLine?.data).toEqual([
      jasmine.objectContaining({
        xAxis: T0 + 10_000,
        lineStyle: jasmine.objectContaining({ color: OUTCOME_COLORS.REJECT }),
      }),
      jasmine.objectContaining({
        xAxis: T0 + 75_000,
        lineStyle: jasmine.objectContaining({ color: OUTCOME_COLORS.BREAK }),
      }),
    ]);
    const xAxis = option.xAxis;
    if (xAxis === undefined || Array.isArray(xAxis)) throw new Error('one x axis expected');
    // A short history still spans the minimum window (it does not stretch over days).
    expect(xAxis).toEqual(jasmine.objectContaining({ min: T0, max: T0 + MIN_SPAN_MS }));
  });

  it('spans the predictions and outcomes once they cover more than the minimum window', () => {
    const option = buildPBreakTimelineOption(
      input(
        [
          { ts: at(0), p_break: 0.4 },
          { ts: at(900), p_break: 0.7 },
        ],
        {
          outcomes: [{ ts: at(960), outcome: 'BREAK' }],
        },
      ),
    );
    const xAxis = option.xAxis;
    if (xAxis === undefined || Array.isArray(xAxis)) throw new Error('one x axis expected');
    expect(xAxis).toEqual(jasmine.objectContaining({ min: T0, max: T0 + 960_000 }));
  });

  it('skips predictions with an unusable time or probability and counts them', () => {
    const model = timelineModel(
      input([
        { ts: at(0), p_break: 0.4 },
        { ts: 'bad', p_break: 0.5 },
        { ts: at(30), p_break: Number.NaN },
        { ts: at(60), p_break: 1.2 },
      ]),
    );
    expect(model.rows.length).toBe(1);
    expect(model.dropped).toBe(3);
  });

  it('writes a tooltip with the time in New York, the numbers and nearby outcomes', () => {
    const model = timelineModel(
      input(
        [
          { ts: at(0), p_break: 0.4 },
          { ts: at(30), p_break: 0.61 },
        ],
        {
          outcomes: [{ ts: at(40), outcome: 'BREAK' }],
        },
      ),
    );
    const text = timelineTooltip(model.rows[1], model.outcomes);
    expect(text.split('<br>')).toEqual([
      '10:00:30 ET',
      'P(BREAK) 61%',
      'threshold 50%',
      'decision BREAK',
      'flipped to BREAK',
      'outcome BREAK (touch 10:00:40)',
    ]);
  });
});
