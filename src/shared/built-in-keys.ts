import { DEMO_PUBLISHER } from './demo-publisher.ts';
import type { TrustedKey } from './verdict.ts';

/** Set by build.mjs; `--without-demo-publisher` builds an app that trusts no key by default. */
declare const __INCLUDE_DEMO_PUBLISHER__: boolean;

/** Keys this build of the app trusts before the reader trusts any. */
export const BUILT_IN_KEYS: readonly TrustedKey[] = __INCLUDE_DEMO_PUBLISHER__
  ? [{ key: DEMO_PUBLISHER.key, name: DEMO_PUBLISHER.name, origin: 'built-in', addedAt: 0 }]
  : [];
