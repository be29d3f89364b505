import { Locator, Page } from '@playwright/test';

/** Page helper for the application shell: isolation status and the worker's model output. */
export class AppShellPage {
  readonly coiStatus: Locator;
  readonly workerThreads: Locator;
  readonly workerResult: Locator;
  readonly workerModelMs: Locator;
  readonly modelStatus: Locator;

  constructor(readonly page: Page) {
    this.coiStatus = page.getByTestId('coi-status');
    this.workerThreads = page.getByTestId('worker-threads');
    this.workerResult = page.getByTestId('worker-result');
    this.workerModelMs = page.getByTestId('worker-model-ms');
    this.modelStatus = page.getByTestId('model-status');
  }

  async open(path = '/diagnostics'): Promise<void> {
    await this.page.goto(path);
  }

  /** Waits until the worker has produced a number and returns it. */
  async workerNumber(): Promise<number> {
    await this.workerResult.filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
    const text = (await this.workerResult.textContent()) ?? '';
    const match = /-?\d+(\.\d+)?/.exec(text);
    if (!match) throw new Error(`no number in worker result "${text}"`);
    return Number(match[0]);
  }
}
