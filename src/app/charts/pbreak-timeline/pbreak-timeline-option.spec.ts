import {
  LABEL_FONT,
  OUTCOME_COLORS,
  buildPBreakTimelineOption,
  sessionSpan,
  timelineModel,
  timelineTooltip,
  type TimelineInput,
  type TimelinePoint,
} from './pbreak-timeline-option';
import { CHART_COLORS, CHART_MONO_FONT } from '../chart-theme';
import { clockTick, easternClock, percentTick } from '../chart-format';
import { dataValues, seriesById, allSeries } from '../testing/chart-option-access';
import type { ChartOption } from '../chart-option';

const T0 = Date.parse('2025-03-03T15:00:00Z'); // 10:00 New York
const OPEN = Date.parse('2025-03-03T14:30:00Z'); // 09:30 New York (EST)
const MINUTE = 60_000;
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

function input(points: TimelinePoint[], extra: Partial<TimelineInput> = {}): TimelineInput {
  return { points, threshold: 0.5, outcomes: [], gapMs: 90_000, ...extra };
}

function oneXAxis(option: ChartOption) {
  const xAxis = option.xAxis;
  if (xAxis === undefined || Array.isArray(xAxis)) throw new Error('one x axis expected');
  return xAxis;
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
    // An empty mark line, not none: merged into a chart that drew a constant threshold, it clears it.
    expect(seriesById(option, 'p_break').markLine?.data).toEqual([]);
  });

  it('draws no threshold when there is none', () => {
    const option = buildPBreakTimelineOption(
      input([{ ts: at(0), p_break: 0.4 }], { threshold: null }),
    );
    expect(seriesById(option, 'p_break').markLine?.data).toEqual([]);
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
  });

  it('spans the whole session 09:30–12:30 ET on a fixed axis, labelled every half hour', () => {
    const option = buildPBreakTimelineOption(
      input([
        { ts: at(0), p_break: 0.4 },
        { ts: at(30), p_break: 0.7 },
      ]),
    );
    const xAxis = oneXAxis(option);
    // A value axis with a fixed range and step: no "nice" tick search, no label re-layout.
    expect(xAxis).toEqual(
      jasmine.objectContaining({
        type: 'value',
        min: OPEN,
        max: OPEN + 180 * MINUTE,
        interval: 30 * MINUTE,
      }),
    );
    expect(xAxis.axisLabel?.formatter).toBe(clockTick);
    expect([0, 30, 180].map((m) => clockTick(OPEN + m * MINUTE))).toEqual([
      '09:30',
      '10:00',
      '12:30',
    ]);
    // The same axis whatever part of the session has data so far.
    const later = oneXAxis(buildPBreakTimelineOption(input([{ ts: at(7000), p_break: 0.5 }])));
    expect([later.min, later.max]).toEqual([OPEN, OPEN + 180 * MINUTE]);
  });

  it('widens the session axis to whole half hours around times outside the session', () => {
    expect(sessionSpan([OPEN - 7 * MINUTE, OPEN + 20 * MINUTE])).toEqual({
      min: OPEN - 30 * MINUTE,
      max: OPEN + 180 * MINUTE,
    });
    expect(sessionSpan([OPEN + 60 * MINUTE, OPEN + 185 * MINUTE])).toEqual({
      min: OPEN,
      max: OPEN + 210 * MINUTE,
    });
    expect(sessionSpan([])).toBeNull();
    // Summer time: 09:30 New York is 13:30 UTC.
    const summer = Date.parse('2025-07-01T15:12:00Z');
    expect(sessionSpan([summer])?.min).toBe(Date.parse('2025-07-01T13:30:00Z'));
    expect(easternClock(Date.parse('2025-07-01T13:30:00Z'))).toBe('09:30');
  });

  it("writes every text in the axis labels' font and size", () => {
    const option = buildPBreakTimelineOption(
      input([{ ts: at(0), p_break: 0.4 }], {
        threshold: 0.55,
        outcomes: [{ ts: at(20), outcome: 'BREAK' }],
      }),
    );
    const yAxis = option.yAxis;
    if (yAxis === undefined || Array.isArray(yAxis)) throw new Error('one y axis expected');
    const labels = [
      oneXAxis(option).axisLabel,
      yAxis.axisLabel,
      seriesById(option, 'p_break').markLine?.label,
      seriesById(option, 'outcomes').markLine?.label,
    ];
    for (const label of labels) {
      expect(label).toEqual(jasmine.objectContaining(LABEL_FONT));
    }
    expect(LABEL_FONT).toEqual({ fontFamily: CHART_MONO_FONT, fontSize: 10 });
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
