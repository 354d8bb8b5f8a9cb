/** The idle times a reader can choose before the library locks by itself, in minutes. */
export const IDLE_CHOICES = [1, 5, 15, 60] as const;
export const DEFAULT_IDLE_MINUTES = 5;
