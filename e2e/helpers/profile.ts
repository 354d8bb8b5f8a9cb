import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
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
    private readonly mounted = false,
  ) {}

  static async create(baseURL: string): Promise<PersistentProfile> {
    return new PersistentProfile(await mkdtemp(join(tmpdir(), 'pamphlet-profile-')), baseURL);
  }

  /**
   * A profile on a disk of its own, `megabytes` in all (a tmpfs; mounting one needs root, which
   * the CI machine has). Chromium sizes an origin's quota from the disk the profile is on, so a
   * small disk is a small quota, enforced as on a nearly full phone.
   */
  static async onSmallDisk(baseURL: string, megabytes: number): Promise<PersistentProfile> {
    const dir = await mkdtemp(join(tmpdir(), 'pamphlet-small-disk-'));
    try {
      await promisify(execFile)('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]);
    } catch (error) {
      throw new Error(`Mounting a ${megabytes} MB tmpfs for a small-disk profile needs root: ${(error as Error).message}`);
    }
    return new PersistentProfile(dir, baseURL, true);
  }

  /** Starts a browser on this profile; close the context to end that browser. */
  launch(): Promise<BrowserContext> {
    return chromium.launchPersistentContext(this.dir, { ...launchOptions(), baseURL: this.baseURL });
  }

  async remove(): Promise<void> {
    if (this.mounted) await promisify(execFile)('umount', [this.dir]).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
