import ipaddr from 'ipaddr.js';
import { base64UrlToBytes, bytesToBase64Url } from '../base64.ts';
import { deflateRaw, inflateRaw } from '../bundle/compact-payload.ts';

/**
 * The offer and the answer that two phones swap through their cameras to open a Nearby channel
 * (docs/nearby.md, "The codes"). A browser's SDP is some 600 bytes of lines that every
 * data-channel-only session shares; a code carries only what differs (the ICE credentials, the
 * DTLS fingerprint and role, the host candidates), and `sdpOf` writes the SDP back around them.
 */
export interface SignalCode {
  kind: 'offer' | 'answer';
  iceUfrag: string;
  icePwd: string;
  /** The hash function of the DTLS certificate's fingerprint, as SDP names it ("sha-256"). */
  fingerprintHash: string;
  fingerprint: Uint8Array;
  setup: 'actpass' | 'active' | 'passive';
  /** Host candidates (UDP): an address (an IP, or an mDNS name ending in .local) and a port. */
  candidates: Array<{ address: string; port: number }>;
  /** The largest message the sender of the code accepts on the data channel. */
  maxMessageSize: number;
}

/** A code that is not a Nearby offer or answer, or not the one expected now. */
export class SignalCodeError extends Error {
  constructor(
    readonly reason: 'not-nearby' | 'damaged' | 'wrong-kind' | 'no-candidates' | 'not-local',
    /** For `not-local`: the address named, which is not on a local network. */
    readonly address?: string,
  ) {
    super(`Not a usable Nearby code (${reason}${address ? `: ${address}` : ''})`);
  }
}

/** Ranges of addresses a phone has on a Wi-Fi or a hotspot, never on the internet at large. */
const LOCAL_RANGES = new Set(['private', 'linkLocal', 'uniqueLocal', 'loopback']);

/**
 * Whether a candidate's address is on a local network: a private (RFC 1918), link-local,
 * unique-local or loopback IP, or an mDNS name (`<uuid>.local`, what browsers give to hide the
 * IP). Nearby is phone to phone on one network; a code that names a public address would have
 * this phone reach out to any host on the internet whoever showed the code chose (and tell it this
 * phone's address), and a host name would be looked up in the DNS, which a censor watches.
 */
export function isLocalAddress(address: string): boolean {
  if (/^[0-9a-f-]{1,63}\.local$/i.test(address)) return true;
  if (!ipaddr.isValid(address)) return false;
  return LOCAL_RANGES.has(ipaddr.process(address).range());
}

/** "PNB" and the format's version: what tells a Nearby code from an article's or a frame's. */
const MAGIC = [0x50, 0x4e, 0x42, 0x01] as const;
/** SDP's default when a peer names no size (RFC 8841). */
const DEFAULT_MAX_MESSAGE_SIZE = 65_536;
const MAX_CANDIDATES = 8;
const MAX_CODE_BYTES = 2_000;

function line(sdp: string, attribute: string): string | undefined {
  const prefix = `a=${attribute}:`;
  return sdp
    .split(/\r?\n/)
    .find((text) => text.startsWith(prefix))
    ?.slice(prefix.length)
    .trim();
}

/** The parts of a browser's SDP (after ICE gathering) that a code carries. */
export function signalOf(kind: SignalCode['kind'], sdp: string): SignalCode {
  const iceUfrag = line(sdp, 'ice-ufrag');
  const icePwd = line(sdp, 'ice-pwd');
  const [fingerprintHash, fingerprintHex] = (line(sdp, 'fingerprint') ?? '').split(' ');
  const setup = line(sdp, 'setup');
  if (!iceUfrag || !icePwd || !fingerprintHash || !fingerprintHex || (setup !== 'actpass' && setup !== 'active' && setup !== 'passive')) {
    throw new SignalCodeError('damaged');
  }
  const candidates: SignalCode['candidates'] = [];
  for (const text of sdp.split(/\r?\n/)) {
    // a=candidate:<foundation> <component> <protocol> <priority> <address> <port> typ <type> ...
    const fields = text.startsWith('a=candidate:') ? text.slice('a=candidate:'.length).trim().split(/\s+/) : [];
    if (fields.length < 8 || fields[1] !== '1' || fields[2]!.toLowerCase() !== 'udp' || fields[6] !== 'typ' || fields[7] !== 'host')
      continue;
    // A phone on mobile data has a public address too: it is never put in a code (the other phone
    // would refuse it, and whoever sees the code would learn it).
    if (!isLocalAddress(fields[4]!)) continue;
    const port = Number(fields[5]);
    if (
      Number.isInteger(port) &&
      port > 0 &&
      port < 65_536 &&
      !candidates.some((known) => known.address === fields[4] && known.port === port)
    ) {
      candidates.push({ address: fields[4]!, port });
    }
  }
  const maxMessageSize = Number(line(sdp, 'max-message-size') ?? DEFAULT_MAX_MESSAGE_SIZE);
  return {
    kind,
    iceUfrag,
    icePwd,
    fingerprintHash: fingerprintHash.toLowerCase(),
    fingerprint: Uint8Array.from(fingerprintHex.split(':'), (byte) => parseInt(byte, 16)),
    setup,
    candidates: candidates.slice(0, MAX_CANDIDATES),
    maxMessageSize: Number.isFinite(maxMessageSize) && maxMessageSize >= 0 ? maxMessageSize : DEFAULT_MAX_MESSAGE_SIZE,
  };
}

/** The SDP a browser takes back: one data-channel section, non-trickle, host candidates only. */
export function sdpOf(code: SignalCode): string {
  const fingerprint = [...code.fingerprint].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
  const lines = [
    'v=0',
    'o=- 1 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'c=IN IP4 0.0.0.0',
    // Host candidates have the highest type preference; earlier ones are tried first.
    ...code.candidates.map(
      ({ address, port }, at) => `a=candidate:${at + 1} 1 udp ${2_122_260_223 - at} ${address} ${port} typ host generation 0`,
    ),
    'a=end-of-candidates',
    `a=ice-ufrag:${code.iceUfrag}`,
    `a=ice-pwd:${code.icePwd}`,
    `a=fingerprint:${code.fingerprintHash} ${fingerprint}`,
    `a=setup:${code.setup}`,
    'a=mid:0',
    'a=sctp-port:5000',
    `a=max-message-size:${code.maxMessageSize}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

interface CodeJson {
  k: 'o' | 'a';
  u: string;
  p: string;
  h: string;
  f: string;
  s: SignalCode['setup'];
  c: Array<[string, number]>;
  m: number;
}

/** The code's bytes, as the QR code holds them: the magic, then deflate-raw JSON. */
export async function encodeSignal(code: SignalCode): Promise<Uint8Array> {
  const json: CodeJson = {
    k: code.kind === 'offer' ? 'o' : 'a',
    u: code.iceUfrag,
    p: code.icePwd,
    h: code.fingerprintHash,
    f: bytesToBase64Url(code.fingerprint),
    s: code.setup,
    c: code.candidates.map(({ address, port }) => [address, port]),
    m: code.maxMessageSize,
  };
  const packed = await deflateRaw(new TextEncoder().encode(JSON.stringify(json)));
  const bytes = new Uint8Array(MAGIC.length + packed.length);
  bytes.set(MAGIC);
  bytes.set(packed, MAGIC.length);
  return bytes;
}

export function isSignalCode(bytes: Uint8Array): boolean {
  return MAGIC.every((byte, at) => bytes[at] === byte);
}

const TOKEN = /^[A-Za-z0-9+/=_-]{1,256}$/;
const ADDRESS = /^[0-9A-Za-z.:_%-]{1,253}$/;

/** Reads a scanned code back, checking every field, since anyone can show any QR code. */
export async function decodeSignal(bytes: Uint8Array, expected: SignalCode['kind']): Promise<SignalCode> {
  if (!isSignalCode(bytes)) throw new SignalCodeError('not-nearby');
  let json: CodeJson;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(await inflateRaw(bytes.subarray(MAGIC.length), MAX_CODE_BYTES)),
    ) as CodeJson;
  } catch {
    throw new SignalCodeError('damaged');
  }
  const valid =
    typeof json === 'object' &&
    json !== null &&
    (json.k === 'o' || json.k === 'a') &&
    TOKEN.test(String(json.u)) &&
    TOKEN.test(String(json.p)) &&
    /^sha-(1|256|384|512)$/.test(String(json.h)) &&
    TOKEN.test(String(json.f)) &&
    ['actpass', 'active', 'passive'].includes(json.s) &&
    Array.isArray(json.c) &&
    json.c.length <= MAX_CANDIDATES &&
    json.c.every(
      (pair) => Array.isArray(pair) && ADDRESS.test(String(pair[0])) && Number.isInteger(pair[1]) && pair[1] > 0 && pair[1] < 65_536,
    ) &&
    Number.isInteger(json.m) &&
    json.m >= 0;
  if (!valid) throw new SignalCodeError('damaged');
  const kind = json.k === 'o' ? 'offer' : 'answer';
  if (kind !== expected) throw new SignalCodeError('wrong-kind');
  if (json.c.length === 0) throw new SignalCodeError('no-candidates');
  const remote = json.c.find(([address]) => !isLocalAddress(String(address)));
  if (remote) throw new SignalCodeError('not-local', String(remote[0]));
  let fingerprint: Uint8Array;
  try {
    fingerprint = base64UrlToBytes(json.f);
  } catch {
    throw new SignalCodeError('damaged');
  }
  return {
    kind,
    iceUfrag: json.u,
    icePwd: json.p,
    fingerprintHash: json.h,
    fingerprint,
    setup: json.s,
    candidates: json.c.map(([address, port]) => ({ address, port })),
    maxMessageSize: json.m,
  };
}
