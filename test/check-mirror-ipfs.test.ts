import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustlessGateway } from '../e2e/helpers/trustless-gateway.ts';
import { articlePage, paragraphs, runPamphlet } from './helpers/pamphlet-cli.ts';

// check-mirror reads an edition on IPFS through each gateway as readers' apps do, and says which
// gateways serve it whole, which alter it, and which do not have it.

let work = '';
let root = '';
const gateways: TrustlessGateway[] = [];

async function gateway(behaviour: 'good' | 'altering', holding = true): Promise<TrustlessGateway> {
  const started = await TrustlessGateway.start(behaviour);
  if (holding) await started.addCar(new Uint8Array(await readFile(join(work, 'out.car'))));
  gateways.push(started);
  return started;
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-check-ipfs-'));
  assert.equal((await runPamphlet(work, 'keygen', '--out', 'key.pem')).code, 0);
  await writeFile(join(work, 'a.html'), articlePage('First report on IPFS', paragraphs('the first report')));
  await writeFile(join(work, 'b.html'), articlePage('Second report on IPFS', paragraphs('the second report')));
  const made = await runPamphlet(
    work,
    'edition',
    'a.html',
    'b.html',
    '--key',
    'key.pem',
    '--out',
    'out',
    '--name',
    'Desk',
    '--car',
    'out.car',
  );
  assert.equal(made.code, 0, made.stderr);
  root = /root CID (\S+)/.exec(made.stdout)![1]!;
});

after(async () => {
  for (const started of gateways) await started.stop();
  await rm(work, { recursive: true, force: true });
});

test('an edition served whole by one gateway passes, and a gateway that alters it is named', async () => {
  const [good, altering] = [await gateway('good'), await gateway('altering')];
  const result = await runPamphlet(work, 'check-mirror', `ipfs://${root}/`, '--gateway', altering.url, '--gateway', good.url);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    new RegExp(`problem: ipfs://${root}/pamphlet-index\\.json: through ${altering.url}: .*altered.*ask their next gateway`),
  );
  assert.match(
    result.stdout,
    new RegExp(
      `ipfs://${root}/ through ${good.url}: no problems: it serves what readers need\\. Checked the signed index \\(edition \\d+ of Desk, 2 articles\\)`,
    ),
  );
  assert.match(result.stdout, /1 of 2 gateways serve what readers need\./);
  assert.ok(
    good.asked.every((request) => request.endsWith('?format=raw')),
    'only raw blocks, as the app asks',
  );
});

test('no gateway serving the edition whole is a failure, saying what each did', async () => {
  const [altering, empty] = [await gateway('altering'), await gateway('good', false)];
  const result = await runPamphlet(work, 'check-mirror', `ipfs://${root}/`, '--gateway', altering.url, '--gateway', empty.url);
  assert.equal(result.code, 1, result.stdout);
  assert.match(result.stdout, new RegExp(`through ${empty.url}: .*HTTP 404.*Pin the edition's CAR`));
  assert.match(result.stdout, /0 of 2 gateways serve what readers need\./);
});

test('bad IPFS addresses and gateways are refused with a reason', async () => {
  const notCid = await runPamphlet(work, 'check-mirror', 'ipfs://not a cid/');
  assert.equal(notCid.code, 2);
  assert.match(notCid.stderr, /not an IPFS address/);
  const badGateway = await runPamphlet(work, 'check-mirror', `ipfs://${root}/`, '--gateway', 'ftp://gateway.example');
  assert.equal(badGateway.code, 2);
  assert.match(badGateway.stderr, /--gateway ftp:\/\/gateway\.example: not a gateway's address/);
  const onWeb = await runPamphlet(work, 'check-mirror', 'https://mirror.example/news/', '--gateway', 'https://ipfs.io');
  assert.equal(onWeb.code, 2);
  assert.match(onWeb.stderr, /--gateway is for ipfs:\/\/ and ipns:\/\/ addresses/);
});
