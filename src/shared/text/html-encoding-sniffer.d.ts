/** html-encoding-sniffer ships no types: the HTML standard's encoding sniffing, as jsdom uses it. */
declare module 'html-encoding-sniffer' {
  /** The encoding's name (WHATWG Encoding), from the BOM, the transport's label, a `<meta>` prescan, or the default. */
  export default function sniffHTMLEncoding(
    bytes: Uint8Array,
    options?: { xml?: boolean; transportLayerEncodingLabel?: string; defaultEncoding?: string },
  ): string;
}
