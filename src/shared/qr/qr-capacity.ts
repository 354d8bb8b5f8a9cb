/**
 * The most bytes one binary QR code holds: version 40 at error correction level L. Apart from
 * qr-symbol.ts so that code deciding what fits one code does not load the QR encoder.
 */
export const SINGLE_CODE_CAPACITY = 2953;
