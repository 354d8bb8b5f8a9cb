// The app in a folder of someone else's site: its addresses and its storage names stay inside
// that folder. Run as a page there would be (a document at the folder's address).
import { test } from 'node:test';
import assert from 'node:assert/strict';

const FOLDER = 'https://mirror.example/mirrors/news/pamphlet/';
Object.assign(globalThis, { location: new URL(`${FOLDER}?screen=settings`), document: {} });

const { appBase, appFolder, inApp, nameInFolder, folderTag, sharedGatewayOrigin } = await import('../src/browser/app-folder.ts');
const { isShellAddress, oldScreenAddress } = await import('../src/browser/app-addresses.ts');
const { routeOf, screenAddress, isScreenAddress } = await import('../src/app/router.ts');

test('the page knows its folder from its address, whatever screen the query names', () => {
  assert.equal(appBase(), FOLDER);
  assert.equal(appFolder(), '/mirrors/news/pamphlet/');
  assert.equal(inApp('sw.js'), `${FOLDER}sw.js`);
  assert.equal(inApp('assets/search-worker-ABCD1234.js'), `${FOLDER}assets/search-worker-ABCD1234.js`);
});

test('every screen is the folder itself with a query, and reads back as the same screen', () => {
  for (const screen of ['settings', 'sources', 'scan', 'nearby', 'deleted'] as const) {
    const address = screenAddress(screen);
    assert.equal(address, `${FOLDER}?screen=${screen}`);
    assert.deepEqual(routeOf(address), { screen });
    assert.ok(isScreenAddress(address));
  }
  assert.equal(screenAddress('library'), FOLDER);
  assert.deepEqual(routeOf(FOLDER), { screen: 'library' });
  assert.deepEqual(routeOf(`${FOLDER}index.html`), { screen: 'library' });
  assert.deepEqual(routeOf(`${FOLDER}?read=${'A'.repeat(22)}`), { screen: 'reader', reference: 'A'.repeat(22) });
  // The link a library entry carries until the app gives it the article's token.
  assert.deepEqual(routeOf(`${FOLDER}?read`), { screen: 'library' });
  assert.equal(routeOf(`${FOLDER}?screen=elsewhere`).screen, 'not-found');
  assert.equal(routeOf(`${FOLDER}?read=not-a-token`).screen, 'not-found');
});

test('addresses outside the folder are neither screens nor the shell', () => {
  for (const outside of [
    'https://mirror.example/',
    'https://mirror.example/mirrors/news/',
    'https://other.example/mirrors/news/pamphlet/',
  ]) {
    assert.equal(isShellAddress(new URL(outside)), false, outside);
    assert.equal(isScreenAddress(outside), false, outside);
    assert.equal(oldScreenAddress(new URL(`${outside}settings`)), undefined, outside);
  }
  // A file of the folder is a file, not a screen.
  assert.equal(isShellAddress(new URL(`${FOLDER}samples/index.json`)), false);
  assert.equal(routeOf(`${FOLDER}no/such/page`).screen, 'not-found');
});

test("an older version's screen address goes to that screen's address now, its query and fragment kept", () => {
  assert.equal(oldScreenAddress(new URL(`${FOLDER}settings#wipe`)), `${FOLDER}?screen=settings#wipe`);
  assert.equal(oldScreenAddress(new URL(`${FOLDER}scan/?discreet`)), `${FOLDER}?discreet=&screen=scan`);
  const token = 'b'.repeat(64);
  assert.equal(oldScreenAddress(new URL(`${FOLDER}read/${token}`)), `${FOLDER}?read=${token}`);
  assert.equal(oldScreenAddress(new URL(`${FOLDER}read`)), FOLDER);
  assert.equal(oldScreenAddress(new URL(`${FOLDER}read/not-a-token`)), undefined);
  assert.deepEqual(routeOf(`${FOLDER}read/${token}`), { screen: 'reader', reference: token });
});

test('storage is named for the folder, and at the root as before folders', () => {
  assert.equal(nameInFolder('pamphlet'), 'pamphlet@/mirrors/news/pamphlet/');
  assert.equal(nameInFolder('pamphlet', '/'), 'pamphlet');
  assert.notEqual(nameInFolder('pamphlet', '/a/'), nameInFolder('pamphlet', '/b/'));
  assert.equal(folderTag('/'), '');
  const tag = folderTag();
  // A storage bucket's name takes lower-case letters, digits, '-' and '_' only.
  assert.match(`lib${tag}-1`, /^[a-z0-9_-]{1,64}$/);
  assert.notEqual(folderTag('/a/'), folderTag('/b/'));
  assert.equal(folderTag('/a/'), folderTag('/a/'));
});

test('a path-style IPFS gateway is named as a shared origin, with its subdomain form', () => {
  assert.equal(sharedGatewayOrigin(), undefined);
  const cid = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
  assert.deepEqual(sharedGatewayOrigin(`https://ipfs.io/ipfs/${cid}/app/`), {
    gateway: 'ipfs.io',
    subdomainForm: `https://${cid}.ipfs.ipfs.io/app/`,
  });
  assert.deepEqual(sharedGatewayOrigin('https://dweb.link/ipns/news.example-site.org/'), {
    gateway: 'dweb.link',
    subdomainForm: 'https://news-example--site-org.ipns.dweb.link/',
  });
  // A CIDv0 must be re-encoded for a subdomain: the warning stands, without an address it cannot write.
  assert.deepEqual(sharedGatewayOrigin('https://ipfs.io/ipfs/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG/'), { gateway: 'ipfs.io' });
  assert.equal(sharedGatewayOrigin(`https://${cid}.ipfs.dweb.link/`), undefined);
});
