/// <reference lib="webworker" />
import jsQR from 'jsqr';
import type { DecodeReply, DecodeRequest } from '../browser/messages/qr-decoder-messages.ts';

/**
 * Reads QR codes out of camera frames, off the main thread, where the browser has no
 * BarcodeDetector. jsQR gives the code's bytes as they are (binary mode), which Pamphlet's
 * payloads and frames are.
 */
declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<DecodeRequest>) => {
  const { id, width, height, pixels } = event.data;
  let bytes: Uint8Array | undefined;
  try {
    const found = jsQR(new Uint8ClampedArray(pixels), width, height, { inversionAttempts: 'dontInvert' });
    if (found) bytes = Uint8Array.from(found.binaryData);
  } catch {
    // A frame the decoder chokes on is a frame with no code in it; the reader waits for the next.
  }
  const reply: DecodeReply = { id, bytes };
  self.postMessage(reply);
});
