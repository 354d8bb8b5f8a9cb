/**
 * Why a Nearby connection or transfer ended early, for the screen to put in words
 * (pamphlet-nearby.ts). Counts travel with a drop, so that the reader learns what was kept.
 */
export type NearbyFailure =
  /** This phone has no network address to offer: no Wi-Fi and no hotspot. */
  | 'no-network'
  /** The phones could not reach each other: not on the same network, or a network that keeps its devices apart. */
  | 'not-connected'
  /** The channel closed midway. */
  | 'dropped'
  | 'cancelled-here'
  | 'cancelled-there'
  /** The other side said something this version does not understand. */
  | 'protocol'
  /** The other side runs another version of the protocol (an older or newer Pamphlet). */
  | 'other-version';

export class NearbyError extends Error {
  constructor(readonly failure: NearbyFailure) {
    super(`Nearby: ${failure}`);
  }
}
