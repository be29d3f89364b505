import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatTooltipHarness } from '@angular/material/tooltip/testing';
import { DriverListComponent, DriverListKind } from './driver-list';
import { SignalDriver } from '../../../domain/signal/level-signal';
import { OTHER_DRIVERS } from '../../../domain/explain/fold-drivers';
import { testIdText, visibleText } from '../testing/test-signals';

const BREAK_DRIVERS: SignalDriver[] = [
  {
    name: 'Flow Acceleration',
    strength: 72,
    edge: 0.06,
    description: 'Flow is accelerating',
    edge_se: 0.003,
  },
  { name: 'Clean Setup', strength: 85, edge: 0.09, description: 'Clean trend', edge_se: 0.004 },
  { name: OTHER_DRIVERS, strength: 50, edge: 0.05, description: 'Nine smaller drivers' },
  { name: 'Barrier Weakness', strength: 22, edge: 0.045, description: 'Liquidity pulled' },
];

async function setup(kind: DriverListKind, drivers: readonly SignalDriver[]) {
  const fixture = TestBed.createComponent(DriverListComponent);
  fixture.componentRef.setInput('kind', kind);
  fixture.componentRef.setInput('drivers', drivers);
  fixture.componentRef.setInput('direction', 'UP');
  await fixture.whenStable();
  const root: HTMLElement = fixture.nativeElement;
  return { fixture, root, loader: TestbedHarnessEnvironment.loader(fixture) };
}

function column(root: HTMLElement, id: string): string[] {
  return [...root.querySelectorAll(`[data-testid="${id}"]`)].map((e) => visibleText(e));
}

describe('DriverListComponent', () => {
  it('lists every driver by |edge|, the folded "other" row last even when larger, and totals them', async () => {
    const { root } = await setup('break', BREAK_DRIVERS);
    expect(column(root, 'driver-name')).toEqual([
      'Clean Setup',
      'Flow Acceleration',
      'Barrier Weakness',
      OTHER_DRIVERS,
    ]);
    expect(column(root, 'driver-edge')).toEqual(['+9.0 pp', '+6.0 pp', '+4.5 pp', '+5.0 pp']);
    expect(column(root, 'driver-percentile')).toEqual(['85th', '72nd', '22nd', '50th']);
    expect(column(root, 'driver-se')).toEqual(['±0.4', '±0.3', '', '']);
    expect(testIdText(root, 'driver-total')).toBe('Σ +24.5 pp');
    expect(root.querySelector('[data-testid="break-drivers"]')).not.toBeNull();
    expect(testIdText(root, 'break-drivers')).toContain('BREAK drivers (pushing up)');
    const widths = [...root.querySelectorAll<HTMLElement>('.strength-fill')].map(
      (e) => e.style.width,
    );
    expect(widths).toEqual(['85%', '72%', '22%', '50%']);
  });

  it('marks REJECT drivers with ✗ and negative edges, sorted by magnitude', async () => {
    const { root } = await setup('reject', [
      { name: 'Gamma Walls', strength: 28, edge: -0.02, description: 'Put gamma beyond the level' },
      { name: 'Touch History', strength: 35, edge: -0.05, description: '4th touch' },
    ]);
    expect(column(root, 'driver-name')).toEqual(['Touch History', 'Gamma Walls']);
    expect(column(root, 'driver-edge')).toEqual(['\u22125.0 pp', '\u22122.0 pp']);
    expect(root.querySelector('.icon')?.textContent).toBe('✗');
    expect(testIdText(root, 'reject-drivers')).toContain('REJECT drivers (pushing down)');
    expect(testIdText(root, 'driver-total')).toBe('Σ \u22127.0 pp');
  });

  it('shows the description in a tooltip', async () => {
    const { loader } = await setup('break', BREAK_DRIVERS);
    const tooltips = await loader.getAllHarnesses(MatTooltipHarness);
    expect(tooltips.length).toBe(4);
    await tooltips[0].show();
    expect(await tooltips[0].getTooltipText()).toBe('Clean trend');
    await tooltips[0].hide();
  });

  it('says None without drivers', async () => {
    const { root } = await setup('reject', []);
    expect(root.querySelectorAll('[data-testid="driver-row"]').length).toBe(0);
    expect(root.textContent).toContain('None');
  });
});
