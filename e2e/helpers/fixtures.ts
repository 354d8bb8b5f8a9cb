import { test as base, expect, type BrowserContext } from '@playwright/test';
import { AppServer } from './app-server.ts';

/**
 * Every test gets its own real server on its own port and a record of what went wrong in the
 * browser. A test fails on any console error (CSP and Trusted Types violations are console
 * errors), any uncaught page error, and any request that leaves the app's origin.
 */
export interface BrowserProblems {
  consoleErrors: string[];
  pageErrors: string[];
  foreignRequests: string[];
  /** Origins a test lets the app reach: the mirrors and feeds of the sync tests. */
  allowedOrigins: Set<string>;
  /**
   * Console errors a test causes on purpose (a refused Trusted Types assignment). Chromium reports
   * a violation once per copy of the CSP (header and meta element), not always both: each pattern
   * takes away every error it matches, and must match at least one; any other error still fails.
   */
  expectedConsoleErrors: RegExp[];
}

export function watchContext(context: BrowserContext, origin: () => string): BrowserProblems {
  const problems: BrowserProblems = {
    consoleErrors: [],
    pageErrors: [],
    foreignRequests: [],
    allowedOrigins: new Set(),
    expectedConsoleErrors: [],
  };
  const watchPage = (page: import('@playwright/test').Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(`${origin()}/`) || /^(blob|data):/.test(url)) return;
    if (!problems.allowedOrigins.has(new URL(url).origin)) problems.foreignRequests.push(url);
  });
  return problems;
}

/** Console errors a test expects because it stopped the server on purpose. */
export function withoutExpectedOfflineErrors(errors: string[]): string[] {
  return errors.filter((error) => !/net::ERR_CONNECTION_REFUSED|Failed to load resource|Failed to update a ServiceWorker/.test(error));
}

/** The console errors no expected pattern matches; each pattern must have matched one. */
function withoutExpectedErrors(errors: string[], expected: RegExp[]): string[] {
  for (const pattern of expected)
    expect(
      errors.some((error) => pattern.test(error)),
      `an expected console error ${pattern}`,
    ).toBe(true);
  return errors.filter((error) => !expected.some((pattern) => pattern.test(error)));
}

/**
 * Console errors a test causes on purpose are either set on `problems.expectedConsoleErrors` as
 * patterns (for violations Chromium reports once or twice), or given here as
 * `expectedConsoleErrors`, word for word (a 404, a request CORS refuses); any other console
 * error still fails the test.
 */
export function expectNoProblems(problems: BrowserProblems, { offline = false, expectedConsoleErrors = [] as string[] } = {}): void {
  const unexpected = withoutExpectedErrors(problems.consoleErrors, problems.expectedConsoleErrors);
  const consoleErrors = offline ? withoutExpectedOfflineErrors(unexpected) : unexpected;
  expect([...consoleErrors].sort(), 'console errors').toEqual([...expectedConsoleErrors].sort());
  expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
  expect(problems.foreignRequests, 'requests that left the app origin').toEqual([]);
}

export const test = base.extend<{ server: AppServer; problems: BrowserProblems }>({
  server: async ({}, use) => {
    const server = await AppServer.start();
    await use(server);
    await server.stop();
  },
  baseURL: async ({ server }, use) => use(server.url),
  problems: [
    async ({ context, server }, use, testInfo) => {
      const problems = watchContext(context, () => server.url);
      await use(problems);
      // Tests that stop the server check their own problems with `offline: true`.
      if (testInfo.status === testInfo.expectedStatus && !testInfo.annotations.some((a) => a.type === 'offline')) {
        expectNoProblems(problems);
      }
    },
    { auto: true },
  ],
});

export { expect };
