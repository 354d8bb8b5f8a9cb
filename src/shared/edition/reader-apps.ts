import type { SourceDescriptor } from './edition-format.ts';
import { isWebAddress } from './parse-edition.ts';

/**
 * Every address where a publisher hosts the reader app: `app` first, then `apps` in order, each
 * once (compared as URLs, so `https://A.example/x/` and `https://a.example/x/` are one). `app`
 * comes first because it is what readers that know only `app` show; Pamphlet writes it as the
 * first of `apps`, so for its own descriptors the order is simply `apps`. Only http(s) addresses
 * are kept, whatever the caller passes (docs/bundle-format.md, section 2.1).
 */
export function readerApps(descriptor: Pick<SourceDescriptor, 'app' | 'apps'>): string[] {
  const listed = [descriptor.app, ...(Array.isArray(descriptor.apps) ? descriptor.apps : [])];
  const seen = new Set<string>();
  const apps: string[] = [];
  for (const address of listed) {
    if (!isWebAddress(address)) continue;
    const href = new URL(address).href;
    if (seen.has(href)) continue;
    seen.add(href);
    apps.push(address);
  }
  return apps;
}
