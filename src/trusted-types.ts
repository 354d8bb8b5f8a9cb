/**
 * The app's one Trusted Types policy. The CSP requires Trusted Types for every script sink and
 * allows only this policy (and Lit's own for its templates), so any HTML or script URL that reaches
 * the DOM passes through here. HTML is accepted only from the sanitizer; see `sanitize-article.ts`.
 */

const SERVICE_WORKER_URL = '/sw.js';

function refuse(what: string): never {
  throw new TypeError(`Pamphlet's Trusted Types policy refused ${what}`);
}

interface PamphletPolicy {
  createScriptURL(url: string): TrustedScriptURL | string;
}

function createPolicy(): PamphletPolicy {
  const factory = window.trustedTypes;
  const rules = {
    createScriptURL: (url: string) => (url === SERVICE_WORKER_URL ? url : refuse(`the script URL ${url}`)),
  };
  // Browsers without Trusted Types get the same checks on plain strings.
  return factory ? factory.createPolicy('pamphlet', rules) : rules;
}

let policy: PamphletPolicy | undefined;

/** The policy, created on first use (a policy name may be created only once per page). */
export function pamphletPolicy(): PamphletPolicy {
  policy ??= createPolicy();
  return policy;
}

export { SERVICE_WORKER_URL };
