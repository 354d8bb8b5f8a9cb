import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { sharedGatewayOrigin } from '../browser/app-folder.ts';

/**
 * The warning for an app served under a path of an IPFS gateway (`https://gateway/ipfs/<cid>/`):
 * the library lives in the gateway's origin, which every other site on that gateway shares, and
 * any of them could read it. Said on every start (app-notices.ts) and in Settings, until the
 * reader opens the app at the gateway's subdomain form, an origin of its own.
 */
export function sharedOriginWarning(): string | undefined {
  const shared = sharedGatewayOrigin();
  if (!shared) return undefined;
  const gateway = shared.gateway;
  return shared.subdomainForm
    ? msg(
        str`Pamphlet is open at an address it shares with every other site on the IPFS gateway ${gateway}: any of them could read your library here. Open it at its own address instead.`,
      )
    : msg(
        str`Pamphlet is open at an address it shares with every other site on the IPFS gateway ${gateway}: any of them could read your library here. Open it at the gateway’s subdomain address instead (https://<CID>.ipfs.${gateway}/, with the CID in base32).`,
      );
}

/** Where the app has an origin of its own on the same gateway, when that address can be written. */
export function ownAddress(): string | undefined {
  return sharedGatewayOrigin()?.subdomainForm;
}

/** The Settings section, where the warning applies; nothing elsewhere. */
export function sharedOriginSection() {
  const warning = sharedOriginWarning();
  if (!warning) return nothing;
  const own = ownAddress();
  return html`<fieldset>
    <legend>${msg('Address of this app')}</legend>
    <p class="problem">${warning}</p>
    ${own ? html`<p><a href=${own} data-external dir="ltr">${own}</a></p>` : nothing}
  </fieldset>`;
}
