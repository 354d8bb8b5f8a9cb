import type { MirrorOutcome } from '../db-schema.ts';
import type { Note } from '../note.ts';

/** What one gateway did for one read: answered, was silent, or served altered data. */
export interface GatewayAnswer {
  /** The gateway's address, as in the reader's list. */
  gateway: string;
  outcome: MirrorOutcome;
  note: Note;
}

/** How a read through gateways goes: read-mirror.ts's MirrorRequest, the fields this folder needs. */
export interface GatewayRead {
  maxBytes: number;
  /** For each request to a gateway. */
  timeoutMs: number;
  signal?: AbortSignal;
  gateways?: readonly string[];
  onGateway?: (answer: GatewayAnswer) => void;
  /** Reads one answer from a server not trusted: readMirror, given by read-mirror.ts. */
  fetchFile: (url: string, request: { maxBytes: number; timeoutMs: number; signal?: AbortSignal }) => Promise<Uint8Array>;
}
