#!/usr/bin/env node
// The publisher's command in a checkout of this repository (`npm run pamphlet`, the unit tests).
// It runs the TypeScript sources through tsx, a dev dependency, so that an edit to src/ takes
// effect with no build step and cannot be hidden by a stale build. Newsrooms install the built
// package instead (packages/pamphlet-publisher, `npm run build:cli`), which needs no tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
