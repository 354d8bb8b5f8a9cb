import type { BrowserContext, Page } from '@playwright/test';
import { AppServer, DIST, NEXT_DIST } from './helpers/app-server.ts';
import { bundleFile, draftArticle, importThroughPicker, libraryItem, newPublisherKey, signed } from './helpers/bundles.ts';
import { test, expect, expectNoProblems, watchContext } from './helpers/fixtures.ts';
import { checkInstallability } from './helpers/installability.ts';
import { PlainStaticServer } from './helpers/plain-static-server.ts';
import { PersistentProfile } from './helpers/profile.ts';
import { articleStyled } from './helpers/reader.ts';
import { SAMPLE_TITLE } from './helpers/sample.ts';
import { waitForOfflineReady } from './helpers/service-worker.ts';
import { shareThroughSheet } from './helpers/share-sheet.ts';

/**
 * The same dist/ at a domain's root, behind npm start's server, and deep in a folder of a plain
 * static host that knows nothing of Pamphlet (no fallback, no headers of its own): everything a
 * reader does works at both, and no request ever leaves the app's folder.
 */
interface Place {
  /** The app's address: its folder. */
  url: string;
  stop(): Promise<void>;
  /** Serves the next build at the same address, as a new deployment. */
  deployNext(): Promise<void>;
}

const FOLDER = '/mirrors/news/pamphlet/';

const PLACES: Array<{ name: string; start(): Promise<Place> }> = [
  {
    name: 'at a domain’s root, behind npm start',
    async start() {
      const server = await AppServer.start();
      return { url: `${server.url}/`, stop: () => server.stop(), deployNext: () => server.restart(NEXT_DIST) };
    },
  },
  {
    name: `in ${FOLDER} of a plain static host`,
    async start() {
      const server = await PlainStaticServer.start({ [FOLDER]: DIST });
      return {
        url: `${server.origin}${FOLDER}`,
        stop: () => server.stop(),
        deployNext: () => Promise.resolve(server.mount(FOLDER, NEXT_DIST)),
      };
    },
  },
];

/** Every request the browser makes, to show that none leaves the app's folder. */
function requestsOf(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

const outside = (urls: string[], folder: string) => urls.filter((url) => !url.startsWith(folder) && !/^(blob|data):/.test(url));

async function readSample(page: Page): Promise<void> {
  await page.getByRole('link', { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
  await articleStyled(page);
}

for (const place of PLACES) {
  test.describe(place.name, () => {
    test('installs, takes an update when the reader says, and reads offline once the host is gone', async () => {
      const served = await place.start();
      const profile = await PersistentProfile.create(served.url);
      const context = await profile.launch();
      const problems = watchContext(context, () => new URL(served.url).origin);
      const requests = requestsOf(context);
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(served.url);
        await waitForOfflineReady(page);
        await checkInstallability(page, served.url);
        const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
        expect(scope).toBe(served.url);

        await readSample(page);
        expect(page.url()).toMatch(new RegExp(`^${served.url.replaceAll('/', '\\/').replaceAll('.', '\\.')}\\?read=[A-Za-z0-9_-]{22}$`));
        await page.getByRole('link', { name: 'Settings' }).click();
        await expect(page).toHaveURL(`${served.url}?screen=settings`);

        await served.deployNext();
        await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
        const prompt = page.getByRole('status').filter({ hasText: 'A new version of Pamphlet is ready.' });
        await prompt.getByRole('button', { name: 'Reload to update' }).click();
        await expect(page.locator('[data-build-id]')).toHaveText('e2e-next');

        await served.stop();
        await page.reload();
        await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
        await page.getByRole('link', { name: 'Library' }).click();
        await readSample(page);
        await page.reload();
        await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeVisible();
        expect(outside(requests, served.url), 'requests outside the app’s folder').toEqual([]);
        expectNoProblems(problems, { offline: true });
      } finally {
        await context.close();
        await profile.remove();
        await served.stop();
      }
    });

    test('the share sheet hands a bundle to the app in its folder', async ({ browser }) => {
      const served = await place.start();
      const context = await browser.newContext();
      const problems = watchContext(context, () => new URL(served.url).origin);
      const requests = requestsOf(context);
      try {
        const page = await context.newPage();
        await page.goto(served.url);
        await waitForOfflineReady(page);
        const shared = await signed(draftArticle({ title: 'Shared into a folder' }), await newPublisherKey());
        const file = bundleFile('shared.html', [shared]).buffer.toString();
        // What Android's share sheet does: a navigation that POSTs to the manifest's share_target,
        // which is relative, so it is resolved against the manifest's own address.
        const manifest = (await (await page.request.get(`${served.url}manifest.webmanifest`)).json()) as {
          share_target: { action: string };
        };
        const action = new URL(manifest.share_target.action, `${served.url}manifest.webmanifest`).href;
        expect(action).toBe(`${served.url}share-target`);
        await shareThroughSheet(page, action, { file });
        await expect(libraryItem(page, 'Shared into a folder')).toBeVisible();
        expect(new URL(page.url()).pathname).toBe(new URL(served.url).pathname);
        expect(outside(requests, served.url), 'requests outside the app’s folder').toEqual([]);
        expectNoProblems(problems);
      } finally {
        await context.close();
        await served.stop();
      }
    });
  });
}

test('two apps in two folders of one origin keep two libraries', async ({ browser }) => {
  const host = await PlainStaticServer.start({ '/first/': DIST, '/second/': DIST });
  const context = await browser.newContext();
  const problems = watchContext(context, () => host.origin);
  try {
    const first = await context.newPage();
    await first.goto(`${host.origin}/first/`);
    await waitForOfflineReady(first);
    await expect(first.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    const article = await signed(draftArticle({ title: 'Only in the first folder' }), await newPublisherKey());
    await importThroughPicker(first, [bundleFile('first.html', [article])]);
    await expect(libraryItem(first, 'Only in the first folder')).toBeVisible();
    // A setting changed in the first folder is not the second's.
    await first.getByRole('link', { name: 'Settings' }).click();
    await first.getByRole('radio', { name: 'Sepia' }).check();

    const second = await context.newPage();
    await second.goto(`${host.origin}/second/`);
    await waitForOfflineReady(second);
    await expect(second.getByRole('link', { name: SAMPLE_TITLE })).toBeVisible();
    await expect(second.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(1);
    await expect(libraryItem(second, 'Only in the first folder')).toHaveCount(0);
    await second.getByRole('link', { name: 'Settings' }).click();
    await expect(second.getByRole('radio', { name: 'Same as the device' })).toBeChecked();

    // Each has its own service worker, scoped to its folder, and its own storage.
    const scopes = await second.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((entry) => entry.scope).sort());
    expect(scopes).toEqual([`${host.origin}/first/`, `${host.origin}/second/`]);
    await first.reload();
    await first.getByRole('link', { name: 'Library' }).click();
    await expect(first.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(2);
    expectNoProblems(problems);
  } finally {
    await context.close();
    await host.stop();
  }
});

test('under a path of an IPFS gateway, the app says its address is shared with every site there, and where its own is', async ({
  browser,
}) => {
  const cid = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
  const gateway = await PlainStaticServer.start({ [`/ipfs/${cid}/`]: DIST });
  const context = await browser.newContext();
  const problems = watchContext(context, () => gateway.origin);
  try {
    const page = await context.newPage();
    await page.goto(`${gateway.origin}/ipfs/${cid}/`);
    const host = new URL(gateway.origin).host;
    const warning = page.getByRole('alert').filter({ hasText: `every other site on the IPFS gateway ${host}` });
    await expect(warning).toBeVisible();
    await expect(warning.getByRole('button', { name: 'Open its own address' })).toBeVisible();
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('group', { name: 'Address of this app' });
    await expect(section).toContainText('any of them could read your library here');
    await expect(section.getByRole('link')).toHaveAttribute('href', `http://${cid}.ipfs.${host}/`);
    expectNoProblems(problems);
  } finally {
    await context.close();
    await gateway.stop();
  }
});
