import { defineConfig } from '@playwright/test';
import { launchOptions } from './e2e/helpers/browser.ts';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // On CI, a test that fails once is run once more and, if it then passes, reported as flaky (the
  // list says so, by name): a busy machine's timing is not allowed to sink a stop, and a real
  // failure still fails twice. Locally, never: a flake shows as the failure it is.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: launchOptions(),
    // DOM snapshots would have the tracer inject script into the sandboxed article frame, which
    // Chromium refuses with a console error; screenshots, network and console are kept.
    trace: { mode: 'retain-on-failure', snapshots: false, screenshots: true, sources: true },
    viewport: { width: 1024, height: 768 },
    locale: 'en-US',
    timezoneId: 'UTC',
  },
});
