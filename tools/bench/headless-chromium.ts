import { chromium, type Browser } from '@playwright/test';

/**
 * Debian's Chromium, headless, with the flags this machine needs: no sandbox (runs as root) and no
 * background networking (the network is closed). Shared by the browser benchmarks.
 */
export const HEADLESS_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchHeadlessChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROME_BIN'] ?? '/usr/bin/chromium',
    args: [...HEADLESS_CHROMIUM_ARGS],
  });
}
