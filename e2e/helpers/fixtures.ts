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
}

export function watchContext(context: BrowserContext, origin: () => string): BrowserProblems {
  const problems: BrowserProblems = { consoleErrors: [], pageErrors: [], foreignRequests: [], allowedOrigins: new Set() };
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

/**
 * `expectedConsoleErrors`: errors the browser logs itself for what a test does on purpose (a 404,
 * a request CORS refuses), each word for word; any other console error still fails the test.
 */
export function expectNoProblems(problems: BrowserProblems, { offline = false, expectedConsoleErrors = [] as string[] } = {}): void {
  const consoleErrors = offline ? withoutExpectedOfflineErrors(problems.consoleErrors) : problems.consoleErrors;
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
