import { appBase } from '../browser/app-folder.ts';
import { READABLE_FAMILY } from '../shared/reading-look.ts';

/**
 * The bundled reading face, Atkinson Hyperlegible Next (SIL Open Font License; build.mjs copies it
 * from @fontsource-variable/atkinson-hyperlegible-next into `fonts/`, with its licence, and the
 * service worker precaches it, so that choosing it works offline even the first time). Drawn for
 * low-vision readers so that letters easily confused (I l 1, O 0, b d p q) differ, which is what
 * dyslexic readers are helped by too. It covers Latin scripts only; everything else falls through
 * to the system's faces (FONT_STACKS).
 *
 * Given to each document as FontFace objects made from the bytes, not as `@font-face` rules: the
 * article's frame (pamphlet-article-body.ts) is a document no service worker controls, so a rule
 * there would ask the server each time, and fail offline. The page fetches the files once, through
 * the service worker, and only once the face is chosen.
 */
const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const LATIN_EXT =
  'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';

export const READING_FONT_FILES = [
  { file: 'atkinson-hyperlegible-next-latin-wght-normal.woff2', style: 'normal', unicodeRange: LATIN },
  { file: 'atkinson-hyperlegible-next-latin-wght-italic.woff2', style: 'italic', unicodeRange: LATIN },
  { file: 'atkinson-hyperlegible-next-latin-ext-wght-normal.woff2', style: 'normal', unicodeRange: LATIN_EXT },
  { file: 'atkinson-hyperlegible-next-latin-ext-wght-italic.woff2', style: 'italic', unicodeRange: LATIN_EXT },
] as const;

let files: Promise<ArrayBuffer[]> | undefined;
const given = new WeakSet<Document>();

async function fontBytes(): Promise<ArrayBuffer[]> {
  files ??= Promise.all(
    READING_FONT_FILES.map(async ({ file }) => {
      const response = await fetch(new URL(`fonts/${file}`, appBase()));
      if (!response.ok) throw new Error(`The reading font ${file} could not be read (HTTP ${response.status}).`);
      return response.arrayBuffer();
    }),
  );
  return files.catch((error: unknown) => {
    // Asked again next time: a failed read (an update under way) is not kept.
    files = undefined;
    throw error;
  });
}

/**
 * Gives `doc` the bundled face, once. When the files cannot be read, the face's fallbacks show
 * (the system's sans-serif), and the next choice tries again.
 */
export async function useReadingFont(doc: Document): Promise<void> {
  if (given.has(doc)) return;
  given.add(doc);
  try {
    const buffers = await fontBytes();
    // Made in the document's own window, as the frame's stylesheet is.
    const { FontFace: FaceInDocument } = doc.defaultView as Window & typeof globalThis;
    const faces = READING_FONT_FILES.map(
      ({ style, unicodeRange }, at) =>
        new FaceInDocument(READABLE_FAMILY, buffers[at]!.slice(0), { style, unicodeRange, weight: '200 800' }),
    );
    for (const face of faces) doc.fonts.add(face);
    await Promise.all(faces.map((face) => face.loaded));
  } catch (error) {
    given.delete(doc);
    console.warn(error);
  }
}
