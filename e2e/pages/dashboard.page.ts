import { Locator, Page } from '@playwright/test';

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
