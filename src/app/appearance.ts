import type { Settings } from '../browser/storage/settings.ts';

/** Browser chrome colours per theme, matching `--bg` in global.css. */
const THEME_COLORS = { light: '#ffffff', dark: '#121212', sepia: '#f4ecd8' } as const;

/** Applies theme and text size to the whole document; components read the CSS custom properties. */
export function applyAppearance(settings: Pick<Settings, 'theme' | 'textScale'>): void {
  const root = document.documentElement;
  root.dataset.theme = settings.theme;
  root.style.setProperty('--text-scale', String(settings.textScale));
  const prefersDark = matchMedia('(prefers-color-scheme: dark)').matches;
  const effective = settings.theme === 'system' ? (prefersDark ? 'dark' : 'light') : settings.theme;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', THEME_COLORS[effective]);
}
