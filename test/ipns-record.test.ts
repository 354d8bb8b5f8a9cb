import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { createIPNSRecord, createIPNSRecordWithExpiration, marshalIPNSRecord } from 'ipns';
import { base36 } from 'multiformats/bases/base36';
import type { CID } from 'multiformats/cid';
import { writeEditionCar } from '../src/cli/ipfs/write-edition-car.ts';
import { forgetGateways } from '../src/shared/ipfs/read-through-gateways.ts';
import { forgetResolvedNames } from '../src/shared/ipfs/resolve-ipns.ts';
import { englishNote } from '../src/shared/note.ts';
import { MirrorProblem, readMirror } from '../src/shared/sync/read-mirror.ts';
import { TrustlessGateway } from '../e2e/helpers/trustless-gateway.ts';

let work = '';
let gateway: TrustlessGateway;
let first: CID;
let second: CID;
let key: PrivateKey;
let name = '';

/** A folder of one file, `news.txt`, as a CAR the gateway holds; resolves with its root. */
async function folderSaying(text: string): Promise<CID> {
  const dir = await mkdtemp(join(work, 'folder-'));
  await writeFile(join(dir, 'news.txt'), text);
  const car = join(work, `${text.length}-${Date.now()}.car`);
  const { root } = await writeEditionCar(dir, car);
  await gateway.addCar(await readFile(car));
  return root;
}

async function publish(signer: PrivateKey, root: CID, sequence: number, lifetimeMs = 3_600_000): Promise<void> {
  gateway.putRecord(name, marshalIPNSRecord(await createIPNSRecord(signer, `/ipfs/${root.toString()}`, sequence, lifetimeMs)));
}

const read = (address: string) => readMirror(address, { maxBytes: 1024, timeoutMs: 5000, gateways: [gateway.url] });

async function refusedFor(message: RegExp): Promise<void> {
  await assert.rejects(read(`ipns://${name}/news.txt`), (error: unknown) => {
    assert.ok(error instanceof MirrorProblem);
    assert.match(englishNote(error.note), message);
    return true;
  });
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pamphlet-ipns-'));
  gateway = await TrustlessGateway.start('good');
  first = await folderSaying('first edition');
  second = await folderSaying('the second edition');
  key = await generateKeyPair('Ed25519');
  name = key.publicKey.toCID().toString(base36);
});

beforeEach(() => forgetGateways());

after(async () => {
  await gateway.stop();
  await rm(work, { recursive: true, force: true });
});

test('an IPNS name leads to the folder its record, signed by the name’s key, points at; a newer record to the newer folder', async () => {
  await publish(key, first, 1);
  assert.equal(new TextDecoder().decode(await read(`ipns://${name}/news.txt`)), 'first edition');
  assert.ok(gateway.asked.includes(`/ipns/${name}?format=ipns-record`));
  await publish(key, second, 2);
  // A checked record is used for a minute; after that, the newer one is asked for and taken.
  forgetResolvedNames();
  assert.equal(new TextDecoder().decode(await read(`ipns://${name}/news.txt`)), 'the second edition');
});

test('a record signed by another key than the name’s is refused', async () => {
  await publish(await generateKeyPair('Ed25519'), second, 5);
  await refusedFor(/the IPNS record for k51\w+ was refused: it is not signed by the name’s key/);
});

test('an expired record is refused', async () => {
  gateway.putRecord(
    name,
    marshalIPNSRecord(
      await createIPNSRecordWithExpiration(key, `/ipfs/${first.toString()}`, 3, new Date(Date.now() - 60_000).toISOString()),
    ),
  );
  await refusedFor(/was refused: it has expired/);
});

test('a record with a lower sequence than one seen is refused as a replay', async () => {
  await publish(key, second, 7);
  assert.equal(new TextDecoder().decode(await read(`ipns://${name}/news.txt`)), 'the second edition');
  await publish(key, first, 6);
  forgetResolvedNames();
  await refusedFor(/was refused: it is older than one already seen \(a replay\)/);
});

test('a name that is not a key (a DNSLink name) and bytes that are not a record are refused by name', async () => {
  await assert.rejects(read('ipns://news.example.org/news.txt'), /not an IPNS key/);
  gateway.putRecord(name, new TextEncoder().encode('not a record'));
  await refusedFor(/was refused: it is not a valid IPNS record/);
});
