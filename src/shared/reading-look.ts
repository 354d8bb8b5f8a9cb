/**
 * The reading look the reader chooses (issue 22): the face, the line's width and the space between
 * lines of an article. Each choice is one of a fixed few, so that a stored or restored value can be
 * checked against the list and never becomes CSS of its own: only the values below reach a style.
 */

export const READING_FONTS = ['serif', 'sans', 'readable'] as const;
export type ReadingFont = (typeof READING_FONTS)[number];

export const LINE_WIDTHS = ['narrow', 'medium', 'wide'] as const;
export type LineWidth = (typeof LINE_WIDTHS)[number];

export const LINE_SPACINGS = ['compact', 'normal', 'relaxed'] as const;
export type LineSpacing = (typeof LINE_SPACINGS)[number];

/** The bundled face (src/app/reading-font.ts), named apart from any installed copy. */
export const READABLE_FAMILY = 'Pamphlet Atkinson Hyperlegible Next';

const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

/**
 * Each face with its fallbacks. The bundled face covers Latin scripts only: Cyrillic, Greek,
 * Armenian, Georgian and the rest fall through to the system's sans-serif, letter by letter.
 */
export const FONT_STACKS: { readonly [F in ReadingFont]: { latin: string; arabic: string } } = {
  serif: {
    latin: "Georgia, 'Noto Serif', 'Times New Roman', serif",
    arabic: "'Noto Naskh Arabic', 'Noto Sans Arabic', Tahoma, serif",
  },
  sans: { latin: SANS, arabic: "'Noto Sans Arabic', Tahoma, system-ui, sans-serif" },
  readable: { latin: `'${READABLE_FAMILY}', ${SANS}`, arabic: "'Noto Sans Arabic', Tahoma, system-ui, sans-serif" },
};

/** The measure in characters of the article's own face, so that it follows the text size. */
export const LINE_WIDTH_CH: { readonly [W in LineWidth]: number } = { narrow: 50, medium: 66, wide: 80 };

/** Unitless line heights; Arabic script gets a quarter line more for its marks (reader-styles.ts). */
export const LINE_HEIGHTS: { readonly [S in LineSpacing]: number } = { compact: 1.4, normal: 1.65, relaxed: 1.9 };

export function isReadingFont(value: unknown): value is ReadingFont {
  return (READING_FONTS as readonly unknown[]).includes(value);
}

export function isLineWidth(value: unknown): value is LineWidth {
  return (LINE_WIDTHS as readonly unknown[]).includes(value);
}

export function isLineSpacing(value: unknown): value is LineSpacing {
  return (LINE_SPACINGS as readonly unknown[]).includes(value);
}
