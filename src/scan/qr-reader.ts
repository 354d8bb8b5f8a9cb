import { msg, str } from '@lit/localize';
import { qrDecoderWorkerUrl } from '../app/trusted-types.ts';
import type { DecodeReply, DecodeRequest } from '../browser/messages/qr-decoder-messages.ts';

/** The Shape Detection API where the browser has it (Android, ChromeOS, macOS). */
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
declare const BarcodeDetector:
  { new (options: { formats: string[] }): BarcodeDetectorLike; getSupportedFormats(): Promise<string[]> } | undefined;

/** Frames are read this far apart at most: faster than any animation Pamphlet plays. */
const INTERVAL_MS = 40;
/** Camera frames are read at no more than this many pixels across. */
const MAX_SIDE = 960;
/** A frame the worker has not answered for this long is given up, so reading never stalls. */
const DECODE_TIMEOUT_MS = 3_000;

/** Why the camera cannot be used, in words a reader can act on. */
export class CameraError extends Error {}

function cameraProblem(error: unknown): CameraError {
  const name = (error as DOMException)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new CameraError(
      msg('Camera access was refused. Allow the camera for this site in the browser’s settings, or receive the article another way.'),
    );
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || !navigator.mediaDevices) {
    return new CameraError(msg('This device has no camera Pamphlet can use. Receive the article another way.'));
  }
  if (name === 'NotReadableError') return new CameraError(msg('The camera is busy in another app. Close it, then scan again.'));
  const detail = name ?? String(error);
  return new CameraError(msg(str`The camera could not be started (${detail}).`));
}

/**
 * Reads QR codes from the camera: through BarcodeDetector where the browser has one, else with a
 * decoder in a worker. `accept` gets each code's bytes and says whether it could use them; when
 * BarcodeDetector's text cannot carry them (binary codes), the worker reads the same frame.
 */
export class QrReader {
  private stream?: MediaStream;
  private worker?: Worker;
  private detector?: BarcodeDetectorLike;
  private timer?: ReturnType<typeof setTimeout>;
  private busy = false;
  private nextId = 0;
  private readonly canvas = document.createElement('canvas');

  constructor(private readonly accept: (bytes: Uint8Array) => Promise<boolean>) {}

  async start(video: HTMLVideoElement): Promise<void> {
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment', width: { ideal: 1280 } },
        audio: false,
      });
    } catch (error) {
      throw cameraProblem(error);
    }
    video.srcObject = this.stream;
    await video.play();
    if (typeof BarcodeDetector !== 'undefined' && (await BarcodeDetector.getSupportedFormats()).includes('qr_code')) {
      this.detector = new BarcodeDetector({ formats: ['qr_code'] });
    }
    this.loop(video);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = undefined;
    this.worker?.terminate();
    this.worker = undefined;
  }

  private loop(video: HTMLVideoElement): void {
    this.timer = setTimeout(() => void this.readOneFrame(video), INTERVAL_MS);
  }

  private async readOneFrame(video: HTMLVideoElement): Promise<void> {
    if (!this.stream) return;
    if (!this.busy && video.readyState >= video.HAVE_CURRENT_DATA) {
      this.busy = true;
      try {
        await this.read(video);
      } catch {
        // One frame that could not be read (a detector or canvas error) must not end the scan.
      } finally {
        this.busy = false;
      }
    }
    this.loop(video);
  }

  private async read(video: HTMLVideoElement): Promise<void> {
    if (this.detector) {
      const [code] = await this.detector.detect(video).catch(() => []);
      if (code) {
        const text = code.rawValue;
        // Binary codes come back as one character per byte when the detector reads them as Latin-1.
        const bytes = [...text].every((char) => char.charCodeAt(0) < 256)
          ? Uint8Array.from(text, (char) => char.charCodeAt(0))
          : new TextEncoder().encode(text);
        if (await this.accept(bytes)) return;
      } else {
        return;
      }
    }
    const bytes = await this.decodeInWorker(video);
    if (bytes) await this.accept(bytes);
  }

  private decodeInWorker(video: HTMLVideoElement): Promise<Uint8Array | undefined> {
    const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (width === 0 || height === 0) return Promise.resolve(undefined);
    this.canvas.width = width;
    this.canvas.height = height;
    const context = this.canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(video, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height).data.buffer;
    this.worker ??= new Worker(qrDecoderWorkerUrl() as string);
    const worker = this.worker;
    const id = ++this.nextId;
    return new Promise((resolve) => {
      const done = (bytes: Uint8Array | undefined) => {
        clearTimeout(timeout);
        worker.removeEventListener('message', onReply);
        resolve(bytes);
      };
      const onReply = (event: MessageEvent<DecodeReply>) => {
        if (event.data.id === id) done(event.data.bytes);
      };
      // A worker that died or hangs is replaced by a fresh one on the next frame.
      const timeout = setTimeout(() => {
        if (this.worker === worker) this.worker = undefined;
        worker.terminate();
        done(undefined);
      }, DECODE_TIMEOUT_MS);
      worker.addEventListener('message', onReply);
      const request: DecodeRequest = { id, width, height, pixels };
      worker.postMessage(request, [pixels]);
    });
  }
}
