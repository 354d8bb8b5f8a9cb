import { expect, type Page } from '@playwright/test';

/**
 * Chromium finds the app at `appUrl` (its folder) installable: no installability error, a manifest
 * without errors whose addresses are all relative, so that the app's identity, start and scope are
 * its folder wherever it is served, and icons that are real PNGs of the sizes they claim.
 */
export async function checkInstallability(page: Page, appUrl: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);

  const parsed = JSON.parse(manifest.data ?? '{}');
  expect(parsed).toMatchObject({
    name: 'Pamphlet',
    short_name: 'Pamphlet',
    start_url: './',
    scope: './',
    display: 'standalone',
  });
  // No `id`: a manifest's id is resolved against the origin, never the folder, so any id would be
  // the same for two apps in two folders of one origin. Without one, the app is its start URL:
  // its folder, whatever folder that is (and at a domain's root, the id "/" of earlier versions).
  expect(parsed.id).toBeUndefined();
  expect((await cdp.send('Page.getAppId')).appId).toBe(appUrl);
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
