import { TestBed } from '@angular/core/testing';
import { getInstanceByDom } from 'echarts/core';
import { ChartComponent, firstDrawSteps } from './chart';
import { allSeries, dataValues, eventually } from '../testing/chart-option-access';
import type { ChartOption } from '../chart-option';

const OPTION: ChartOption = {
  animation: false,
  xAxis: { type: 'category', data: ['a', 'b'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: [1, 2] }],
};

const TWO_TYPES: ChartOption = {
  animation: false,
  xAxis: { type: 'value' },
  yAxis: { type: 'value' },
  series: [
    { id: 'line', type: 'line', data: [[0, 1]] },
    { id: 'dots', type: 'scatter', data: [[1, 2]] },
    { id: 'line2', type: 'line', data: [[0, 3]] },
  ],
};

async function drawn(option: ChartOption, update: 'replace' | 'merge' = 'replace') {
  const fixture = TestBed.createComponent(ChartComponent);
  fixture.componentRef.setInput('option', option);
  fixture.componentRef.setInput('label', 'a chart');
  fixture.componentRef.setInput('update', update);
  await fixture.whenStable();
  const host: HTMLElement = fixture.nativeElement;
  expect(await eventually(() => host.getAttribute('data-rendered') === 'true')).toBeTrue();
  const figure = host.querySelector('[role="img"]');
  const chart = figure instanceof HTMLElement ? getInstanceByDom(figure) : undefined;
  if (chart === undefined) throw new Error('no chart');
  return { fixture, chart };
}

/** Ids of the series the chart holds now. */
function seriesIds(option: unknown): unknown[] {
  const series =
    typeof option === 'object' && option !== null && 'series' in option ? option.series : [];
  return Array.isArray(series)
    ? series.map((s: unknown) => (typeof s === 'object' && s !== null && 'id' in s ? s.id : null))
    : [];
}

describe('ChartComponent', () => {
  it('loads ECharts on demand, draws on a canvas and flags data-rendered', async () => {
    const fixture = TestBed.createComponent(ChartComponent);
    fixture.componentRef.setInput('option', OPTION);
    fixture.componentRef.setInput('label', 'two bars');
    fixture.componentRef.setInput('height', 90);
    await fixture.whenStable();
    const host: HTMLElement = fixture.nativeElement;
    expect(host.getAttribute('data-rendered')).toBeNull();
    expect(await eventually(() => host.getAttribute('data-rendered') === 'true')).toBeTrue();
    expect(host.querySelector('canvas')).not.toBeNull();
    const figure = host.querySelector('[role="img"]');
    expect(figure?.getAttribute('aria-label')).toBe('two bars');
    expect(figure?.getBoundingClientRect().height).toBe(90);
  });

  it('ends the first draw with the whole option, its series in order', async () => {
    const { chart } = await drawn(TWO_TYPES);
    expect(seriesIds(chart.getOption())).toEqual(['line', 'dots', 'line2']);
  });

  it('merges later options into the chart: series matched by id, missing ones removed', async () => {
    const { fixture, chart } = await drawn(TWO_TYPES, 'merge');
    fixture.componentRef.setInput('option', {
      ...TWO_TYPES,
      series: [{ id: 'line', type: 'line', data: [[0, 5]] }],
    });
    await fixture.whenStable();
    expect(await eventually(() => seriesIds(chart.getOption()).length === 1)).toBeTrue();
    expect(seriesIds(chart.getOption())).toEqual(['line']);
    const option = chart.getOption();
    const series = allSeries(option as ChartOption);
    expect(dataValues(series[0])).toEqual([[0, 5]]);
  });

  it('replaces the drawn option by default', async () => {
    const { fixture, chart } = await drawn(TWO_TYPES);
    fixture.componentRef.setInput('option', {
      ...TWO_TYPES,
      xAxis: { type: 'value', max: 10 },
      series: [{ id: 'dots', type: 'scatter', data: [[2, 2]] }],
    });
    await fixture.whenStable();
    expect(await eventually(() => seriesIds(chart.getOption()).length === 1)).toBeTrue();
    expect(seriesIds(chart.getOption())).toEqual(['dots']);
  });
});

describe('firstDrawSteps', () => {
  it('draws the grid and axes first, then the series up to the next new type per step', () => {
    const steps = firstDrawSteps(TWO_TYPES);
    expect(steps.map((s) => allSeries(s).map((x) => x.id))).toEqual([
      [],
      ['line'],
      ['line', 'dots', 'line2'],
    ]);
    expect(steps.at(-1)).toBe(TWO_TYPES);
    // Every step has the option's components, so a step merged into the last draws no less.
    for (const step of steps) {
      expect(step.xAxis).toBe(TWO_TYPES.xAxis);
      expect(step.yAxis).toBe(TWO_TYPES.yAxis);
    }
  });

  it('draws an option without series in one step', () => {
    const option: ChartOption = { xAxis: { type: 'value' }, yAxis: { type: 'value' } };
    expect(firstDrawSteps(option)).toEqual([option]);
  });
});
