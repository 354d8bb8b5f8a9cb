import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { launchOptions } from './browser.ts';

/**
 * A browser profile on disk that outlives one browser process, for what incognito contexts
 * cannot show: installability, and state that survives a browser restart.
 */
export class PersistentProfile {
  private constructor(
    readonly dir: string,
    private readonly baseURL: string,
  ) {}

  static async create(baseURL: string): Promise<PersistentProfile> {
    return new PersistentProfile(await mkdtemp(join(tmpdir(), 'pamphlet-profile-')), baseURL);
  }

  /** Starts a browser on this profile; close the context to end that browser. */
  launch(): Promise<BrowserContext> {
    return chromium.launchPersistentContext(this.dir, { ...launchOptions(), baseURL: this.baseURL });
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
