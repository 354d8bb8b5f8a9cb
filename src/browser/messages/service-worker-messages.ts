/**
 * Every message the page sends the service worker, as one typed union. Requests that expect an
 * answer carry a MessagePort (workbox-window's `messageSW` sets that up) and get a `WorkerReply`.
 */
export type WorkerRequest = { type: 'SKIP_WAITING' } | { type: 'GET_VERSION' };

export interface WorkerReplies {
  SKIP_WAITING: undefined;
  GET_VERSION: { version: string; buildId: string };
}

export type WorkerReply<R extends WorkerRequest> = WorkerReplies[R['type']];

export function isWorkerRequest(value: unknown): value is WorkerRequest {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'SKIP_WAITING' || type === 'GET_VERSION';
}
