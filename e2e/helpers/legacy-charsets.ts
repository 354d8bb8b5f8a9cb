/**
 * Text in windows-1251, the charset many Russian-language sites still serve and save pages in:
 * Cyrillic is one byte a letter (А–я are 0xC0–0xFF, Ё and ё 0xA8 and 0xB8), ASCII as it is.
 */
export function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((character) => {
      const code = character.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (code === 0x401 || code === 0x451) return code === 0x401 ? 0xa8 : 0xb8;
      throw new Error(`${character} is not in windows-1251`);
    }),
  );
}
