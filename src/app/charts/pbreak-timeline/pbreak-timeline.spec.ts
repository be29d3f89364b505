import { TestBed } from '@angular/core/testing';
import * as echarts from 'echarts/core';
import { provideEchartsCore } from 'ngx-echarts';
import { PBreakTimelineComponent } from './pbreak-timeline';
import { ChartComponent } from '../chart/chart';
import { eventually } from '../testing/chart-option-access';
import '../echarts-setup';

const T0 = Date.parse('2025-03-03T15:00:00Z');
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

async function setup(points: { ts: string; p_break: number }[]) {
  TestBed.overrideComponent(ChartComponent, {
    set: { providers: [provideEchartsCore({ echarts })] },
  });
  const fixture = TestBed.createComponent(PBreakTimelineComponent);
  fixture.componentRef.setInput('points', points);
  fixture.componentRef.setInput('threshold', 0.55);
  fixture.componentRef.setInput('outcomes', [{ ts: at(45), outcome: 'REJECT' }]);
  fixture.componentRef.setInput('height', 140);
  await fixture.whenStable();
  return { fixture, root: fixture.nativeElement as HTMLElement };
}

describe('PBreakTimelineComponent', () => {
  it('renders the chart on a canvas and says what it shows', async () => {
    const { root } = await setup([
      { ts: at(0), p_break: 0.62 },
      { ts: at(30), p_break: 0.48 },
      { ts: at(60), p_break: 0.57 },
    ]);
    const chart = root.querySelector('pv-chart');
    expect(chart).not.toBeNull();
    expect(await eventually(() => chart?.getAttribute('data-rendered') === 'true')).toBeTrue();
    expect(root.querySelector('canvas')).not.toBeNull();
    const figure = root.querySelector('[role="img"]');
    expect(figure?.getAttribute('aria-label')).toBe(
      'P(BREAK) timeline: 3 predictions, latest 57% (BREAK vs threshold 55%), ' +
        '2 decision flips, 1 realised outcomes',
    );
    expect(figure?.getBoundingClientRect().height).toBe(140);
  });

  it('merges new predictions into the drawn chart without leaving a stale threshold line', async () => {
    const { fixture, root } = await setup([
      { ts: at(0), p_break: 0.62 },
      { ts: at(30), p_break: 0.48 },
    ]);
    const chart = root.querySelector('pv-chart');
    expect(await eventually(() => chart?.getAttribute('data-rendered') === 'true')).toBeTrue();
    const figure = root.querySelector('[role="img"]');
    const instance = figure instanceof HTMLElement ? echarts.getInstanceByDom(figure) : undefined;
    if (instance === undefined) throw new Error('no chart');
    const series = (): unknown[] => {
      const all: unknown = instance.getOption()['series'];
      return Array.isArray(all) ? all : [];
    };
    const markLineData = (): unknown => {
      const pBreak = series()[0];
      if (typeof pBreak !== 'object' || pBreak === null || !('markLine' in pBreak))
        return undefined;
      const markLine: unknown = pBreak.markLine;
      return typeof markLine === 'object' && markLine !== null && 'data' in markLine
        ? markLine.data
        : undefined;
    };
    expect(markLineData()).toEqual([jasmine.objectContaining({ yAxis: 0.55 })]);
    // Per-point thresholds that change: a stepped line instead of the constant one.
    fixture.componentRef.setInput('points', [
      { ts: at(0), p_break: 0.62, threshold: 0.5 },
      { ts: at(30), p_break: 0.48, threshold: 0.6 },
      { ts: at(60), p_break: 0.57, threshold: 0.6 },
    ]);
    await fixture.whenStable();
    // p_break, the stepped threshold, flips, outcomes.
    expect(await eventually(() => series().length === 4)).toBeTrue();
    expect(markLineData()).toEqual([]);
  });

  it('says there is nothing to show instead of drawing an empty chart', async () => {
    const { root } = await setup([]);
    expect(root.querySelector('pv-chart')).toBeNull();
    expect(root.querySelector('[data-testid="pbreak-timeline-empty"]')?.textContent?.trim()).toBe(
      'No model predictions for this level yet',
    );
  });
});
