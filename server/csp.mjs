/**
 * The app's Content-Security-Policy, in one place for the server's header and the build's meta
 * element. Trusted Types policies the app may create: `pamphlet` (ours, see src/app/trusted-types.ts:
 * the service worker URL and inert parsing, which DOMPurify uses too) and `lit-html` (Lit's own,
 * for its templates).
 */
const directives = {
  'default-src': ["'self'"],
  // WebAssembly, for Argon2id in the library lock's key-derivation worker (src/workers/kdf-worker.ts):
  // 'wasm-unsafe-eval' lets code already allowed compile WebAssembly, and nothing else; inline
  // script and eval stay refused.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  // Sync asks publishers' mirrors and feeds, wherever they are; nothing else connects out (the
  // e2e suite fails on any request to another origin outside the sync tests).
  'connect-src': ["'self'", 'https:', 'http:'],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'require-trusted-types-for': ["'script'"],
  'trusted-types': ['pamphlet', 'lit-html'],
};

/** Directives a browser ignores, with a console error, when they come in a meta element. */
const HEADER_ONLY = new Set(['frame-ancestors']);

function serialize(entries) {
  return entries.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** The policy as the server sends it. */
export const CSP_HEADER = serialize(Object.entries(directives));

/** The same policy for a `<meta http-equiv>` element on static hosts that cannot set headers. */
export const CSP_META = serialize(Object.entries(directives).filter(([name]) => !HEADER_ONLY.has(name)));
