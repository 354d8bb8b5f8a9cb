/** snappyjs ships no types: the one function the profile search uses. */
declare module 'snappyjs' {
  export function uncompress(compressed: Uint8Array): Uint8Array;
}
