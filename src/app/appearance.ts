import type { Settings } from '../browser/storage/settings.ts';
import { FONT_STACKS, LINE_HEIGHTS, LINE_WIDTH_CH } from '../shared/reading-look.ts';

/** Browser chrome colours per theme, matching `--bg` in global.css. */
const THEME_COLORS = { light: '#ffffff', dark: '#121212', sepia: '#f4ecd8' } as const;

type Appearance = Pick<Settings, 'theme' | 'textScale' | 'readingFont' | 'lineWidth' | 'lineSpacing'>;

/**
 * Applies theme, text size and the reading look to the whole document; components (and the
 * article's frame, pamphlet-article-body.ts) read the CSS custom properties. Every value set here
 * comes from a fixed table, never from what was stored.
 */
export function applyAppearance(settings: Appearance): void {
  const root = document.documentElement;
  root.dataset.theme = settings.theme;
  root.style.setProperty('--text-scale', String(settings.textScale));
  const stack = FONT_STACKS[settings.readingFont];
  root.style.setProperty('--font-reading', stack.latin);
  root.style.setProperty('--font-reading-arabic', stack.arabic);
  root.style.setProperty('--reading-width', `${LINE_WIDTH_CH[settings.lineWidth]}ch`);
  root.style.setProperty('--reading-leading', String(LINE_HEIGHTS[settings.lineSpacing]));
  root.dataset.readingFont = settings.readingFont;
  // The bundled face is asked for only once chosen: most readers never pay for it.
  if (settings.readingFont === 'readable') void import('./reading-font.ts').then(({ useReadingFont }) => useReadingFont(document));
  const prefersDark = matchMedia('(prefers-color-scheme: dark)').matches;
  const effective = settings.theme === 'system' ? (prefersDark ? 'dark' : 'light') : settings.theme;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', THEME_COLORS[effective]);
}
