import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactPayload } from '../src/shared/bundle/compact-payload.ts';
import { BundleError } from '../src/shared/bundle/bundle-format.ts';
import { decodeNearbyBundle, encodeNearbyBundle, isNearbyBundleFormat } from '../src/shared/nearby/nearby-bundle.ts';
import { parseNearbyMessage } from '../src/shared/nearby/nearby-protocol.ts';
import { sha256Hex } from '../src/shared/sha256.ts';
import { generateSigningKey, signArticle } from '../src/shared/signing.ts';
import { decodeSignal, encodeSignal, isSignalCode, sdpOf, signalOf, SignalCodeError } from '../src/shared/nearby/signal-code.ts';
import { SINGLE_CODE_CAPACITY } from '../src/shared/qr/qr-symbol.ts';

/** An offer as Chromium writes it for a data channel alone, after ICE gathering. */
const CHROMIUM_OFFER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS',
  'm=application 50123 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 192.168.1.23',
  'a=candidate:1467250027 1 udp 2122260223 192.168.1.23 50123 typ host generation 0 network-id 1 network-cost 10',
  'a=candidate:2301432127 1 udp 2122194687 9d2f1c3a-7b1e-4f5e-9a51-0c1d2e3f4a5b.local 50124 typ host generation 0 network-id 2',
  'a=candidate:4233069003 1 tcp 1518280447 192.168.1.23 9 typ host tcptype active generation 0 network-id 1',
  'a=candidate:842163049 1 udp 1686052607 203.0.113.7 50123 typ srflx raddr 192.168.1.23 rport 50123 generation 0',
  'a=ice-ufrag:Zk3q',
  'a=ice-pwd:7v2mC0p3Yw1rXq9sT8uB4nLa',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 3B:1A:9C:00:FF:12:34:56:78:9A:BC:DE:F0:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:02:03:04',
  'a=setup:actpass',
  'a=mid:0',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
  '',
].join('\r\n');

test('an offer keeps only what the other phone needs: credentials, fingerprint, role and UDP host candidates', () => {
  const code = signalOf('offer', CHROMIUM_OFFER);
  assert.equal(code.iceUfrag, 'Zk3q');
  assert.equal(code.icePwd, '7v2mC0p3Yw1rXq9sT8uB4nLa');
  assert.equal(code.setup, 'actpass');
  assert.equal(code.fingerprintHash, 'sha-256');
  assert.equal(code.fingerprint.length, 32);
  assert.equal(code.maxMessageSize, 262_144);
  // No TCP candidate, and no server-reflexive one (there is no STUN server; it would reveal the public address).
  assert.deepEqual(code.candidates, [
    { address: '192.168.1.23', port: 50123 },
    { address: '9d2f1c3a-7b1e-4f5e-9a51-0c1d2e3f4a5b.local', port: 50124 },
  ]);
});

test('a code survives the QR round trip, is small, and writes back an SDP with the same essentials', async () => {
  const code = signalOf('offer', CHROMIUM_OFFER);
  const bytes = await encodeSignal(code);
  assert.ok(isSignalCode(bytes));
  assert.ok(bytes.length < 200, `${bytes.length} bytes`);
  assert.ok(bytes.length < SINGLE_CODE_CAPACITY);
  const back = await decodeSignal(bytes, 'offer');
  assert.deepEqual(back, code);
  const sdp = sdpOf(back);
  assert.deepEqual(signalOf('offer', sdp), code);
  assert.match(sdp, /^m=application 9 UDP\/DTLS\/SCTP webrtc-datachannel\r$/m);
  assert.match(sdp, /^a=fingerprint:sha-256 3B:1A:9C:00:FF:12/m);
  assert.match(sdp, /^a=candidate:1 1 udp \d+ 192\.168\.1\.23 50123 typ host/m);
});

test('a code that is not a Nearby one, damaged, of the other kind or with no address is refused with its reason', async () => {
  const reason = async (bytes: Uint8Array, kind: 'offer' | 'answer' = 'offer') => {
    try {
      await decodeSignal(bytes, kind);
      return 'accepted';
    } catch (error) {
      assert.ok(error instanceof SignalCodeError);
      return error.reason;
    }
  };
  const offer = signalOf('offer', CHROMIUM_OFFER);
  const bytes = await encodeSignal(offer);
  const article = await compactPayload([]);
  assert.equal(await reason(article), 'not-nearby');
  assert.equal(await reason(bytes, 'answer'), 'wrong-kind');
  const damaged = bytes.slice();
  damaged[10]! ^= 0xff;
  assert.equal(await reason(damaged), 'damaged');
  assert.equal(await reason(await encodeSignal({ ...offer, candidates: [] })), 'no-candidates');
  assert.equal(await reason(await encodeSignal({ ...offer, iceUfrag: 'a\r\na=evil' })), 'damaged');
  assert.equal(await reason(await encodeSignal({ ...offer, candidates: [{ address: '1.2.3.4 typ relay', port: 1 }] })), 'damaged');
});

test('only addresses on a local network are taken: a code naming a public address or a host name is refused, and a phone never puts its public address in its own code', async () => {
  const offer = signalOf('offer', CHROMIUM_OFFER);
  const refusal = async (address: string) => {
    try {
      await decodeSignal(
        await encodeSignal({
          ...offer,
          candidates: [
            { address: '192.168.1.23', port: 50123 },
            { address, port: 40000 },
          ],
        }),
        'offer',
      );
      return 'accepted';
    } catch (error) {
      assert.ok(error instanceof SignalCodeError);
      return `${error.reason} ${error.address}`;
    }
  };
  for (const address of [
    '203.0.113.7',
    '8.8.8.8',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    'tracker.example',
    'evil.example.com',
    'x.local.evil.example',
    '100.64.1.2',
    '0.0.0.0',
  ]) {
    assert.equal(await refusal(address), `not-local ${address}`, address);
  }
  for (const address of [
    '10.1.2.3',
    '172.20.10.2',
    '192.168.43.1',
    '169.254.7.8',
    'fe80::1c2b:3a4d:5e6f:7081',
    'fd12:3456:789a::1',
    '127.0.0.1',
    '9d2f1c3a-7b1e-4f5e-9a51-0c1d2e3f4a5b.local',
  ]) {
    assert.equal(await refusal(address), 'accepted', address);
  }
  const onMobileData = CHROMIUM_OFFER.replace(
    'a=ice-ufrag',
    'a=candidate:99 1 udp 2122197247 2a00:1450:4001:82b::200e 50125 typ host generation 0 network-id 3\r\na=candidate:98 1 udp 2122197246 198.51.100.20 50126 typ host generation 0 network-id 4\r\na=ice-ufrag',
  );
  assert.deepEqual(signalOf('offer', onMobileData).candidates, offer.candidates);
});

test('control messages are read field by field; anything else is not a message', () => {
  const id = 'a'.repeat(64);
  assert.deepEqual(parseNearbyMessage(JSON.stringify({ type: 'manifest', version: 1, items: [{ id, revision: 2, extra: true }] })), {
    type: 'manifest',
    version: 1,
    items: [{ id, revision: 2 }],
  });
  assert.deepEqual(parseNearbyMessage(JSON.stringify({ type: 'have', ids: [id] })), { type: 'have', ids: [id] });
  assert.deepEqual(parseNearbyMessage(JSON.stringify({ type: 'bundle', id, bytes: 10 })), { type: 'bundle', id, bytes: 10 });
  assert.deepEqual(parseNearbyMessage(JSON.stringify({ type: 'stored', id, kept: false })), { type: 'stored', id, kept: false });
  assert.equal(parseNearbyMessage(JSON.stringify({ type: 'bundle', id: 'x', bytes: 10 })), undefined);
  assert.equal(parseNearbyMessage(JSON.stringify({ type: 'bundle', id, bytes: -1 })), undefined);
  assert.equal(parseNearbyMessage(JSON.stringify({ type: 'have', ids: ['../etc'] })), undefined);
  assert.equal(parseNearbyMessage(JSON.stringify({ type: 'wipe' })), undefined);
  assert.equal(parseNearbyMessage('not json'), undefined);
  assert.equal(parseNearbyMessage('null'), undefined);
});

test('a bundle crosses the channel compressed, images byte for byte, in about their own size; another first byte is another version', async () => {
  const key = await generateSigningKey();
  // Random bytes do not compress, as a JPEG's do not: the image costs what it weighs, not 2.5 times.
  const photo = new Uint8Array(60_000).map(() => Math.floor(Math.random() * 256));
  const hash = await sha256Hex(photo);
  const article = await signArticle(
    {
      guid: 'urn:test:nearby-photo',
      revision: 1,
      title: 'A photo from the square',
      publisher: { name: 'Test Desk' },
      lang: 'en',
      dir: 'ltr',
      content: `<p>Taken this morning.</p><figure><img src="sha256:${hash}" alt="The square"></figure>`,
    },
    key,
  );
  const bytes = await encodeNearbyBundle([article], [{ hash, type: 'image/jpeg', bytes: photo }]);
  assert.ok(isNearbyBundleFormat(bytes));
  assert.ok(bytes.length < photo.length * 1.1, `${bytes.length} bytes on the channel for a ${photo.length}-byte photo`);
  const decoded = await decodeNearbyBundle(bytes, 1024 * 1024);
  assert.deepEqual(decoded.articles, [article]);
  assert.deepEqual([...decoded.images[0]!.bytes], [...photo]);
  // Protocol 1 sent the bundle file, which starts with "<!doctype html>".
  assert.ok(!isNearbyBundleFormat(new TextEncoder().encode('<!doctype html>')));
  await assert.rejects(decodeNearbyBundle(bytes, 1000), BundleError);
});
