/** What the page sends the QR decoder worker, and what it answers: one typed pair. */
export interface DecodeRequest {
  id: number;
  width: number;
  height: number;
  /** RGBA pixels, transferred. */
  pixels: ArrayBuffer;
}

export interface DecodeReply {
  id: number;
  /** The code's bytes, or undefined when the frame holds no readable code. */
  bytes?: Uint8Array;
}
