import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Locator, Page, expect } from '@playwright/test';

/** Query parameters of the dashboard's pipeline (docs/qa-guide.md § Dashboard replay). */
export interface ReplayQuery {
  readonly speed?: number;
  readonly seek?: number;
  readonly autoplay?: 0 | 1;
  readonly source?: 'replay' | 'live';
  readonly feed?: string;
}

export interface DemoTick {
  readonly index: number;
  readonly ts: string;
  /** Level kinds in the approach zone (active, |distance| ≤ 2 ATR) at this tick. */
  readonly inZone: readonly string[];
}

export const DEMO_RECORDING = 'public/demo/demo-session.ndjson.gz';

/** The demo recording's frames, one parsed object per line (node side). */
export function demoFrames(): Record<string, unknown>[] {
  const text = gunzipSync(readFileSync(DEMO_RECORDING)).toString('utf8');
  const frames: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const value: unknown = JSON.parse(line);
    if (isRecord(value)) frames.push(value);
  }
  return frames;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The tick the real-signal tests look at: the first with two levels in the approach zone if the
 * recording has one, else the first in-zone tick after the opening range (09:45).
 */
export function demoTestTick(ticks: readonly DemoTick[] = demoTicks()): DemoTick | undefined {
  return (
    ticks.find((t) => t.inZone.length >= 2) ??
    ticks.find((t) => t.inZone.length >= 1 && t.index >= 30)
  );
}

/** The demo recording's ticks in time order with the levels in the approach zone. */
export function demoTicks(): DemoTick[] {
  const byTs = new Map<string, string[]>();
  for (const f of demoFrames()) {
    const ts = String(f['ts']);
    const list = byTs.get(ts) ?? [];
    const d = Number(f['distance_signed_atr']);
    if (f['level_active'] === true && Math.abs(d) <= 2) list.push(String(f['level_kind']));
    byTs.set(ts, list);
  }
  return [...byTs.entries()]
    .sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]))
    .map(([ts, inZone], index) => ({ index, ts, inZone }));
}

/** Page helper for the dashboard (route ''), live or in fixture mode (`?fixture=demo`). */
export class DashboardPage {
  readonly fixtureBanner: Locator;
  readonly empty: Locator;
  readonly header: Locator;
  readonly watchlistRows: Locator;
  readonly statusStrip: Locator;

  constructor(readonly page: Page) {
    this.fixtureBanner = page.getByTestId('fixture-banner');
    this.empty = page.getByTestId('dashboard-empty');
    this.header = page.getByTestId('level-header');
    this.watchlistRows = page.getByTestId('watchlist-row');
    this.statusStrip = page.getByTestId('status-strip');
  }

  /** Opens the dashboard with the pipeline's query parameters. */
  async openReplay(query: ReplayQuery): Promise<void> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    await this.page.goto(`/?${params.toString()}`);
  }

  /** Waits until the focused level shows a model signal of feed time `ts` (any when omitted). */
  async waitForSignal(ts?: string, timeout = 45_000): Promise<void> {
    const bar = this.page.getByTestId('p-break');
    if (ts === undefined) await expect(bar).toBeVisible({ timeout });
    else await expect(bar).toHaveAttribute('data-ts', ts, { timeout });
  }

  /** The focused level's exact P(BREAK) (the bar's data-value). */
  async pBreak(): Promise<number> {
    const v = await this.page.getByTestId('p-break').getAttribute('data-value');
    return Number(v);
  }

  /** Driver names of a list ('break-drivers' | 'reject-drivers'), in display order. */
  async driverNames(list: 'break-drivers' | 'reject-drivers'): Promise<string[]> {
    return this.page.getByTestId(list).getByTestId('driver-name').allInnerTexts();
  }

  async open(fixture?: string): Promise<void> {
    await this.page.goto(fixture === undefined ? '/' : `/?fixture=${encodeURIComponent(fixture)}`);
  }

  panel(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** The kind of the focused level, read from the level header. */
  async focusedKind(): Promise<string | null> {
    return this.header.getAttribute('data-kind');
  }

  row(kind: string): Locator {
    return this.page.locator(`[data-testid="watchlist-row"][data-kind="${kind}"]`);
  }

  async rowKinds(): Promise<string[]> {
    return this.watchlistRows.evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-kind') ?? ''),
    );
  }
}
