import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

/** Flags that keep Chromium from reaching for Google's services, which this machine cannot reach. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium when it is installed, else the browser Playwright downloaded, else a message
 * that says how to get one (Playwright cannot download its own here).
 */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    `No Chromium found: install Debian's (apt-get install -y chromium, as .ci/run does), set CHROMIUM_PATH, or run "npx playwright install chromium".`,
  );
}

export function launchOptions(): LaunchOptions {
  const executablePath = chromiumExecutable();
  return { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) };
}
