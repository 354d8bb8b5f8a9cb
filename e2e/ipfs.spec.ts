import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { createIPNSRecord, marshalIPNSRecord } from 'ipns';
import { base36 } from 'multiformats/bases/base36';
import { follow as followOffer, libraryTitles } from './helpers/bundles.ts';
import { Newsroom } from './helpers/edition.ts';
import { test, expect } from './helpers/fixtures.ts';
import { TrustlessGateway } from './helpers/trustless-gateway.ts';

/** Runs `pamphlet edition … --car` and returns the root CID it printed. */
async function editionOnIpfs(newsroom: Newsroom, pages: string[], mirrors: string[] = []): Promise<string> {
  const output = await newsroom.pamphlet(
    'edition',
    ...pages,
    '--key',
    'key.pem',
    '--out',
    'edition',
    '--name',
    'City Desk',
    ...mirrors.flatMap((mirror) => ['--mirror', mirror]),
    '--car',
    'edition.car',
  );
  const root = /root CID (\S+)/.exec(output)?.[1];
  if (!root) throw new Error(`pamphlet edition printed no root CID:\n${output}`);
  return root;
}

/** Settings → IPFS gateways, as a reader who runs their own list would set it. */
async function chooseGateways(page: Page, gateways: readonly TrustlessGateway[]): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: 'IPFS gateways' }).fill(gateways.map((gateway) => gateway.url).join('\n'));
  await page.getByRole('button', { name: 'Save gateways' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

function syncStatus(page: Page) {
  return page.getByRole('region', { name: 'Sync' });
}

test('a reader follows ipfs://<cid>/ through their own gateways: a silent one is passed over, an altering one is caught and named, the good one brings every article', async ({
  page,
  problems,
}) => {
  test.setTimeout(90_000);
  const newsroom = await Newsroom.create();
  const gateways = await Promise.all([
    TrustlessGateway.start('silent'),
    TrustlessGateway.start('altering'),
    TrustlessGateway.start('good'),
  ]);
  const [silent, altering, good] = gateways;
  try {
    const root = await editionOnIpfs(newsroom, await newsroom.writePages(3));
    const car = await readFile(join(newsroom.dir, 'edition.car'));
    for (const gateway of gateways) await gateway.addCar(car);
    // Only the reader's gateways may be asked: a request to any other origin (a public gateway
    // from the defaults among them) fails the test.
    for (const gateway of gateways) problems.allowedOrigins.add(gateway.url);

    await page.goto('/');
    // A line that is no gateway's address is refused, saying which.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('textbox', { name: 'IPFS gateways' }).fill(`${good.url}\nftp://gateway.example`);
    await page.getByRole('button', { name: 'Save gateways' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'ftp://' })).toHaveText(
      '“ftp://gateway.example” is not a gateway’s address: give one web address per line, such as https://trustless-gateway.link.',
    );
    await chooseGateways(page, gateways);
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(`ipfs://${root}/`);
    await page.getByRole('button', { name: 'Find source' }).click();
    // The silent gateway is given up after its time limit (15 s), then the others are asked.
    await expect(page.getByRole('group', { name: 'City Desk', exact: true })).toBeVisible({ timeout: 30_000 });
    await followOffer(page, 'City Desk');

    await expect(syncStatus(page).getByRole('status')).toHaveText('Sync finished: 3 new articles. 1 problem, listed below.', {
      timeout: 30_000,
    });
    await expect(syncStatus(page)).toContainText(`Fetched through the IPFS gateway 127.0.0.1:${new URL(good.url).port}.`);
    await expect(syncStatus(page)).toContainText(
      `The IPFS gateway 127.0.0.1:${new URL(altering.url).port} served altered data for ${root}; another gateway was asked.`,
    );
    await expect(page.getByRole('list', { name: 'Mirrors of City Desk' })).toContainText(`ipfs://${root}/`);
    expect(silent.asked.length).toBeGreaterThan(0);
    expect(altering.asked.every((url) => url.endsWith('?format=raw'))).toBe(true);

    await page.getByRole('link', { name: 'Library' }).click();
    await expect
      .poll(() => libraryTitles(page))
      .toEqual(
        expect.arrayContaining([
          'Report number 1 on the city council for our readers',
          'Report number 2 on the city council for our readers',
          'Report number 3 on the city council for our readers',
        ]),
      );
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await newsroom.remove();
  }
});

test('an edition that names an IPNS mirror: the reader follows its first CID, then a new edition under the name, in a record signed by its key, brings the new articles', async ({
  page,
  problems,
}) => {
  const newsroom = await Newsroom.create();
  const gateways = await Promise.all([TrustlessGateway.start('altering'), TrustlessGateway.start('good')]);
  // The newsroom's IPNS key, as its IPFS node or pinning service keeps it.
  const key = await generateKeyPair('Ed25519');
  const name = key.publicKey.toCID().toString(base36);
  /** Puts the CAR on every gateway and points the name at its root, as `ipfs name publish` would. */
  const publish = async (root: string, sequence: number) => {
    const car = await readFile(join(newsroom.dir, 'edition.car'));
    // A TTL of 1 ns: the reader asks for the record at each sync, as it would a minute later.
    const record = marshalIPNSRecord(await createIPNSRecord(key, `/ipfs/${root}`, sequence, 3_600_000, { ttlNs: 1n }));
    for (const gateway of gateways) {
      await gateway.addCar(car);
      gateway.putRecord(name, record);
    }
  };
  try {
    const pages = await newsroom.writePages(2);
    const first = await editionOnIpfs(newsroom, pages, [`ipns://${name}/`]);
    await publish(first, 1);
    for (const gateway of gateways) problems.allowedOrigins.add(gateway.url);

    await page.goto('/');
    await chooseGateways(page, gateways);
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('textbox', { name: 'Mirror or source address' }).fill(`ipfs://${first}/`);
    await page.getByRole('button', { name: 'Find source' }).click();
    await followOffer(page, 'City Desk');
    await expect(syncStatus(page).getByRole('status')).toHaveText(/^Sync finished: 2 new articles\./);
    await expect(page.getByRole('list', { name: 'Mirrors of City Desk' })).toContainText(`ipns://${name}/`);

    const second = await editionOnIpfs(newsroom, [...pages, ...(await newsroom.writePages(2))], [`ipns://${name}/`]);
    expect(second).not.toBe(first);
    await publish(second, 2);
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect(syncStatus(page).getByRole('status')).toHaveText(/^Sync finished: 2 new articles\./);
    expect(gateways[1].asked).toContain(`/ipns/${name}?format=ipns-record`);

    await page.getByRole('link', { name: 'Library' }).click();
    await expect
      .poll(() => libraryTitles(page))
      .toEqual(expect.arrayContaining([1, 2, 3, 4].map((number) => `Report number ${number} on the city council for our readers`)));
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await newsroom.remove();
  }
});
