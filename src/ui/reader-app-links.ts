import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { readerApps } from '../shared/edition/reader-apps.ts';
import type { SourceDescriptor } from '../shared/edition/edition-format.ts';

/**
 * Where a publisher's signed details say the reader app is served, as links the reader can open
 * or pass on to someone who has no app yet (or whose usual address is blocked). Each link is
 * named by its address; it opens outside the app, without a referrer.
 */
export function readerAppLinks(descriptor: SourceDescriptor) {
  const apps = readerApps(descriptor);
  if (apps.length === 0) return nothing;
  return html`<p>
    ${msg('The reader app is also served at:')}
    ${apps.map(
      (app, n) => html`${n > 0 ? ', ' : ''}<a href=${app} target="_blank" rel="noreferrer" data-external><bdi dir="ltr">${app}</bdi></a>`,
    )}
  </p>`;
}
