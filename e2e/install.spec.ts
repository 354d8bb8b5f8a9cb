import type { Page } from '@playwright/test';
import { test, expect, expectNoProblems, watchContext } from './helpers/fixtures.ts';
import { PersistentProfile } from './helpers/profile.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';

// Incognito contexts are never installable, so this test runs in a profile on disk.
test('Chromium finds the app installable, with a valid manifest', async ({ server }) => {
  const profile = await PersistentProfile.create(server.url);
  const context = await profile.launch();
  const problems = watchContext(context, () => server.url);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await waitForOfflineReady(page);
    await checkInstallability(page);
    expectNoProblems(problems);
  } finally {
    await context.close();
    await profile.remove();
  }
});

async function checkInstallability(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);

  const parsed = JSON.parse(manifest.data ?? '{}');
  expect(parsed).toMatchObject({
    name: 'Pamphlet',
    short_name: 'Pamphlet',
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
  });
  expect(parsed.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(parsed.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(parsed.description.length).toBeGreaterThan(20);
  const icons = parsed.icons as Array<{ src: string; sizes: string; purpose?: string; type: string }>;
  for (const [sizes, purpose] of [
    ['192x192', 'any'],
    ['512x512', 'any'],
    ['512x512', 'maskable'],
  ] as const) {
    const icon = icons.find((candidate) => candidate.sizes === sizes && (candidate.purpose ?? 'any') === purpose);
    expect(icon, `${sizes} ${purpose} icon`).toBeDefined();
    // The icon is a real PNG of the size it claims.
    const size = await page.evaluate(async (src) => {
      const bitmap = await createImageBitmap(await (await fetch(src)).blob());
      return `${bitmap.width}x${bitmap.height}`;
    }, icon!.src);
    expect(size).toBe(sizes);
  }
}

test('the server sends the headers a PWA needs', async ({ request }) => {
  const index = await request.get('/');
  const csp = index.headers()['content-security-policy'] ?? '';
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(index.headers()['cache-control']).toBe('no-cache');
  expect((await request.get('/sw.js')).headers()['cache-control']).toBe('no-cache');
  expect((await request.get('/read/' + '0'.repeat(64))).headers()['content-type']).toContain('text/html');
  expect((await request.get('/manifest.webmanifest')).headers()['content-type']).toContain('application/manifest+json');
  const html = await index.text();
  const script = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
  expect(script).toMatch(/^\/assets\/main-[A-Z0-9]{8}\.js$/);
  expect((await request.get(script!)).headers()['cache-control']).toContain('immutable');
  expect((await request.get('/assets/chunks/missing-ABCDEFGH.js')).status()).toBe(404);
  // The same policy reaches static hosts as a meta element, and the page has no inline script.
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*require-trusted-types-for 'script'/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  // DNS prefetching is off whether the host sends the header (ours does) or not (the meta element).
  expect(index.headers()['x-dns-prefetch-control']).toBe('off');
  expect(html).toContain('<meta http-equiv="x-dns-prefetch-control" content="off">');
});
