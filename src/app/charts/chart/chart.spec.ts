import { TestBed } from '@angular/core/testing';
import { ChartComponent } from './chart';
import { eventually } from '../testing/chart-option-access';
import type { ChartOption } from '../chart-option';

const OPTION: ChartOption = {
  animation: false,
  xAxis: { type: 'category', data: ['a', 'b'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: [1, 2] }],
};

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
});
