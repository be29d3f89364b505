import { Locator, Page } from '@playwright/test';

export const ANALYTICS_PANELS = [
  'analytics-time-buckets',
  'analytics-thresholds',
  'analytics-levels',
  'analytics-interactions',
  'analytics-reliability',
] as const;
export type AnalyticsPanelId = (typeof ANALYTICS_PANELS)[number];

/** Page helper for the analysts' Analytics view (/analytics). Test ids: docs/analytics-view.md. */
export class AnalyticsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/analytics');
    await this.panel('analytics-time-buckets').waitFor();
  }

  panel(id: AnalyticsPanelId): Locator {
    return this.page.getByTestId(id);
  }

  /** The panel's error message (a missing or invalid artifact). */
  panelError(id: AnalyticsPanelId): Locator {
    return this.panel(id).getByTestId('analytics-panel-error');
  }

  interactionFigures(): Locator {
    return this.page.getByTestId('analytics-interaction');
  }
}
