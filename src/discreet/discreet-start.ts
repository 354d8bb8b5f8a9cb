import { startDiscreetMode } from './discreet-mode.ts';

// Imported first by main.ts, so that the neutral name and icon are in place before anything else
// of the app runs or draws.
startDiscreetMode();
