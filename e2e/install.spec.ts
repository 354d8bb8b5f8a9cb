import { test, expect, expectNoProblems, watchContext } from './helpers/fixtures.ts';
import { PersistentProfile } from './helpers/profile.ts';
import { checkInstallability } from './helpers/installability.ts';
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
    await checkInstallability(page, `${server.url}/`);
    expectNoProblems(problems);
  } finally {
    await context.close();
    await profile.remove();
  }
});

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
  // Another site's window that opens the app keeps no handle on it; the receiving screen of a move
  // sends none, so the reader's app at its old address keeps the window it opened (src/move/).
  expect(index.headers()['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
  expect((await request.get('/?screen=receive&from=http%3A%2F%2Fold.example')).headers()['cross-origin-opener-policy']).toBeUndefined();
  expect((await request.get('/sw.js')).headers()['cache-control']).toBe('no-cache');
  expect((await request.get('/read/' + '0'.repeat(64))).headers()['content-type']).toContain('text/html');
  expect((await request.get('/manifest.webmanifest')).headers()['content-type']).toContain('application/manifest+json');
  const html = await index.text();
  const script = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
  expect(script).toMatch(/^assets\/main-[A-Z0-9]{8}\.js$/);
  expect((await request.get(script!)).headers()['cache-control']).toContain('immutable');
  expect((await request.get('/assets/chunks/missing-ABCDEFGH.js')).status()).toBe(404);
  // The same policy reaches static hosts as a meta element, and the page has no inline script.
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*require-trusted-types-for 'script'/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  // DNS prefetching is off whether the host sends the header (ours does) or not (the meta element).
  expect(index.headers()['x-dns-prefetch-control']).toBe('off');
  expect(html).toContain('<meta http-equiv="x-dns-prefetch-control" content="off">');
});
