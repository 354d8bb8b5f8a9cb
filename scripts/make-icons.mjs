/**
 * Draws the app icons (public/icons/*.png): a folded page with lines of text on a navy tile.
 * Run by hand when the design changes (`node scripts/make-icons.mjs`); the PNGs are committed.
 * Plain zlib and a few lines of geometry, so no image library is needed for a handful of shapes.
 */
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const NAVY = [0x1d, 0x35, 0x57];
const PAPER = [0xfa, 0xf7, 0xf0];
const INK = [0x1d, 0x35, 0x57];
const FOLD = [0xd9, 0xd2, 0xc3];
/** Discreet mode's icons: a plain grey note, like any notes app's, naming nothing. */
const GREY = [0x6b, 0x72, 0x80];
const WHITE = [0xff, 0xff, 0xff];

function crc32(bytes) {
  let crc = -1;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The colour at a point of the unit square, or null for transparent. `inset` shrinks the artwork. */
function colourAt(x, y, { fullBleed, inset, discreet = false }) {
  const inRoundedTile = () => {
    const r = 0.18;
    const cx = Math.min(Math.max(x, r), 1 - r);
    const cy = Math.min(Math.max(y, r), 1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  if (!fullBleed && !inRoundedTile()) return null;
  // Artwork coordinates, scaled into the safe zone.
  const u = (x - 0.5) / inset + 0.5;
  const v = (y - 0.5) / inset + 0.5;
  const left = 0.27,
    right = 0.73,
    top = 0.18,
    bottom = 0.82,
    fold = 0.14;
  const onPage = u >= left && u <= right && v >= top && v <= bottom && u - left + (v - top) >= 0;
  if (discreet) {
    if (!onPage) return GREY;
    for (const line of [0.34, 0.43, 0.52, 0.61]) if (v >= line && v <= line + 0.03 && u >= 0.34 && u <= 0.66) return GREY;
    return WHITE;
  }
  const beyondFold = right - u + (v - top) < fold;
  if (onPage && !beyondFold) {
    if (right - u + (v - top) < fold + 0.012) return FOLD;
    const lines = [0.34, 0.43, 0.52, 0.61, 0.7];
    for (const [index, line] of lines.entries()) {
      const end = index === lines.length - 1 ? 0.55 : index === 0 ? 0.56 : 0.66;
      if (v >= line && v <= line + 0.035 && u >= 0.34 && u <= end) return INK;
    }
    return PAPER;
  }
  return NAVY;
}

function draw(size, options) {
  const samples = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, options);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) rgba.set([r / a, g / a, b / a, (a / samples ** 2) * 255], offset);
    }
  }
  return png(size, rgba);
}

const dir = new URL('../public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
const icons = {
  'icon-192.png': [192, { fullBleed: false, inset: 1 }],
  'icon-512.png': [512, { fullBleed: false, inset: 1 }],
  // Maskable: background to every edge, artwork inside the central 80% safe circle.
  'icon-maskable-512.png': [512, { fullBleed: true, inset: 0.72 }],
  'apple-touch-icon.png': [180, { fullBleed: true, inset: 0.85 }],
  'discreet-192.png': [192, { fullBleed: false, inset: 1, discreet: true }],
  'discreet-512.png': [512, { fullBleed: false, inset: 1, discreet: true }],
  'discreet-maskable-512.png': [512, { fullBleed: true, inset: 0.72, discreet: true }],
  'discreet-apple-touch-icon.png': [180, { fullBleed: true, inset: 0.85, discreet: true }],
};
for (const [name, [size, options]] of Object.entries(icons)) {
  writeFileSync(new URL(name, dir), draw(size, options));
  console.log(`wrote public/icons/${name}`);
}

/** favicon.ico holding one 48 px PNG, for the browsers and pages that ask for /favicon.ico. */
function ico(pngBytes, size) {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(pngBytes.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, pngBytes]);
}
writeFileSync(new URL('../favicon.ico', dir), ico(draw(48, { fullBleed: false, inset: 1 }), 48));
console.log('wrote public/favicon.ico');

/**
 * The tab's icon, as `data:` URLs in the page itself: browsers fetch a page's icon outside its
 * service worker, from the server, at every change of address within the app, so an icon file
 * would be a request a network watcher sees each time the reader opens an article.
 * build.mjs puts the plain one into index.html; discreet mode swaps them (src/discreet/tab-icons.ts).
 */
const tabIcon = (options) => `data:image/png;base64,${draw(32, { fullBleed: false, inset: 1, ...options }).toString('base64')}`;
writeFileSync(
  new URL('../../src/discreet/tab-icons.ts', dir),
  `// Written by scripts/make-icons.mjs: the tab's icon in each mode, as data: URLs (see there why).
export const TAB_ICONS = {
  plain: '${tabIcon({})}',
  discreet: '${tabIcon({ discreet: true })}',
} as const;
`,
);
console.log('wrote src/discreet/tab-icons.ts');
