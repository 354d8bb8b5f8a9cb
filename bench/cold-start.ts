import { createServer } from 'node:http';
import type { BrowserContext } from '@playwright/test';
import { AppServer } from '../e2e/helpers/app-server.ts';
import { PersistentProfile } from '../e2e/helpers/profile.ts';
import { waitForOfflineReady } from '../e2e/helpers/service-worker.ts';
import { LIBRARY_PAINTED } from '../src/app/performance-marks.ts';
import { spreadOf, type Spread } from './stats.ts';

async function firstPage(context: BrowserContext) {
  return context.pages()[0] ?? (await context.newPage());
}

async function throttle(context: BrowserContext, rate: number): Promise<import('@playwright/test').Page> {
  const page = await firstPage(context);
  if (rate > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
  return page;
}

/**
 * Cold starts of the installed app with its server stopped: each run starts a new browser on the
 * same profile, so only the service worker and IndexedDB can answer. The time is from navigation
 * start to the library's first paint (the app's own performance mark).
 */
export async function measureOfflineColdStarts(dist: string, runs: number, cpuThrottle: number): Promise<Spread> {
  const server = await AppServer.start(dist);
  const profile = await PersistentProfile.create(server.url);
  try {
    const priming = await profile.launch();
    const page = await firstPage(priming);
    await page.goto('/');
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, LIBRARY_PAINTED);
    await waitForOfflineReady(page);
    await priming.close();
    await server.stop();

    const timings: number[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await profile.launch();
      const coldPage = await throttle(context, cpuThrottle);
      await coldPage.goto('/');
      const painted = await coldPage.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime, LIBRARY_PAINTED);
      timings.push((await painted.jsonValue()) as number);
      await context.close();
    }
    return spreadOf(timings);
  } finally {
    await server.stop();
    await profile.remove();
  }
}

/**
 * The floor under any page on this machine, in the same run: first contentful paint of a
 * one-line HTML page from a loopback server, in a new browser each time, equally throttled.
 */
export async function measureBlankPageFloor(runs: number, cpuThrottle: number): Promise<Spread> {
  const server = createServer((_, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end('<!doctype html><title>floor</title><p>Hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://localhost:${(server.address() as { port: number }).port}/`;
  const profile = await PersistentProfile.create(url);
  try {
    const timings: number[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await profile.launch();
      const page = await throttle(context, cpuThrottle);
      await page.goto(url);
      const painted = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
      timings.push((await painted.jsonValue()) as number);
      await context.close();
    }
    return spreadOf(timings);
  } finally {
    server.close();
    await profile.remove();
  }
}
