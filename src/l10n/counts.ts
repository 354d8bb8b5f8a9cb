import { msg, str } from '@lit/localize';
import { formatNumber } from './format.ts';
import { plural } from './plural.ts';

export { articleCount } from './article-count.ts';

/**
 * Counted nouns, in every plural form (see plural.ts), with the number in the UI's digits. Each
 * is a phrase that sentences use whole ("Deleted ${articles}."), so that a sentence needs no
 * plural forms of its own.
 */

/** "5 new articles", after a sync. */
export function newArticleCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} new articles`, { id: 'new-articles.zero' }),
    one: () => msg(str`${n} new article`, { id: 'new-articles.one' }),
    two: () => msg(str`${n} new articles`, { id: 'new-articles.two' }),
    few: () => msg(str`${n} new articles`, { id: 'new-articles.few' }),
    many: () => msg(str`${n} new articles`, { id: 'new-articles.many' }),
    other: () => msg(str`${n} new articles`, { id: 'new-articles.other' }),
  });
}

/** "2 corrected articles", after a sync: articles the publisher corrected, replaced in the library. */
export function correctedArticleCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} corrected articles`, { id: 'corrected-articles.zero' }),
    one: () => msg(str`${n} corrected article`, { id: 'corrected-articles.one' }),
    two: () => msg(str`${n} corrected articles`, { id: 'corrected-articles.two' }),
    few: () => msg(str`${n} corrected articles`, { id: 'corrected-articles.few' }),
    many: () => msg(str`${n} corrected articles`, { id: 'corrected-articles.many' }),
    other: () => msg(str`${n} corrected articles`, { id: 'corrected-articles.other' }),
  });
}

/** "2 problems" a sync met: sources it could not sync, mirrors that served something wrong, articles not had. */
export function problemCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} problems`, { id: 'problems.zero' }),
    one: () => msg(str`${n} problem`, { id: 'problems.one' }),
    two: () => msg(str`${n} problems`, { id: 'problems.two' }),
    few: () => msg(str`${n} problems`, { id: 'problems.few' }),
    many: () => msg(str`${n} problems`, { id: 'problems.many' }),
    other: () => msg(str`${n} problems`, { id: 'problems.other' }),
  });
}

/** "3 mirrors" of a source. */
export function mirrorCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} mirrors`, { id: 'mirrors.zero' }),
    one: () => msg(str`${n} mirror`, { id: 'mirrors.one' }),
    two: () => msg(str`${n} mirrors`, { id: 'mirrors.two' }),
    few: () => msg(str`${n} mirrors`, { id: 'mirrors.few' }),
    many: () => msg(str`${n} mirrors`, { id: 'mirrors.many' }),
    other: () => msg(str`${n} mirrors`, { id: 'mirrors.other' }),
  });
}

/** "2 sources" restored from a backup. */
export function sourceCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} sources`, { id: 'sources.zero' }),
    one: () => msg(str`${n} source`, { id: 'sources.one' }),
    two: () => msg(str`${n} sources`, { id: 'sources.two' }),
    few: () => msg(str`${n} sources`, { id: 'sources.few' }),
    many: () => msg(str`${n} sources`, { id: 'sources.many' }),
    other: () => msg(str`${n} sources`, { id: 'sources.other' }),
  });
}

/** "2 trusted publishers" restored from a backup. */
export function publisherCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} trusted publishers`, { id: 'publishers.zero' }),
    one: () => msg(str`${n} trusted publisher`, { id: 'publishers.one' }),
    two: () => msg(str`${n} trusted publishers`, { id: 'publishers.two' }),
    few: () => msg(str`${n} trusted publishers`, { id: 'publishers.few' }),
    many: () => msg(str`${n} trusted publishers`, { id: 'publishers.many' }),
    other: () => msg(str`${n} trusted publishers`, { id: 'publishers.other' }),
  });
}

/** "2 settings" restored from a backup. */
export function settingCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} settings`, { id: 'settings.zero' }),
    one: () => msg(str`${n} setting`, { id: 'settings.one' }),
    two: () => msg(str`${n} settings`, { id: 'settings.two' }),
    few: () => msg(str`${n} settings`, { id: 'settings.few' }),
    many: () => msg(str`${n} settings`, { id: 'settings.many' }),
    other: () => msg(str`${n} settings`, { id: 'settings.other' }),
  });
}

/** "2 unsafe parts" an article holds. */
export function unsafePartCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} unsafe parts`, { id: 'unsafe-parts.zero' }),
    one: () => msg(str`${n} unsafe part`, { id: 'unsafe-parts.one' }),
    two: () => msg(str`${n} unsafe parts`, { id: 'unsafe-parts.two' }),
    few: () => msg(str`${n} unsafe parts`, { id: 'unsafe-parts.few' }),
    many: () => msg(str`${n} unsafe parts`, { id: 'unsafe-parts.many' }),
    other: () => msg(str`${n} unsafe parts`, { id: 'unsafe-parts.other' }),
  });
}

/** "5 frames a second", the speed of animated QR codes. */
export function frameRate(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} frames a second`, { id: 'frames-per-second.zero' }),
    one: () => msg(str`${n} frame a second`, { id: 'frames-per-second.one' }),
    two: () => msg(str`${n} frames a second`, { id: 'frames-per-second.two' }),
    few: () => msg(str`${n} frames a second`, { id: 'frames-per-second.few' }),
    many: () => msg(str`${n} frames a second`, { id: 'frames-per-second.many' }),
    other: () => msg(str`${n} frames a second`, { id: 'frames-per-second.other' }),
  });
}

/** "5 items" a feed holds. */
export function itemCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} items`, { id: 'items.zero' }),
    one: () => msg(str`${n} item`, { id: 'items.one' }),
    two: () => msg(str`${n} items`, { id: 'items.two' }),
    few: () => msg(str`${n} items`, { id: 'items.few' }),
    many: () => msg(str`${n} items`, { id: 'items.many' }),
    other: () => msg(str`${n} items`, { id: 'items.other' }),
  });
}

/** "3 of 120 records", how far turning the library lock on or off has come (forms follow the total). */
export function recordsDone(done: number, total: number): string {
  const [d, t] = [formatNumber(done), formatNumber(total)];
  return plural(total, {
    zero: () => msg(str`${d} of ${t} records`, { id: 'records-done.zero' }),
    one: () => msg(str`${d} of ${t} record`, { id: 'records-done.one' }),
    two: () => msg(str`${d} of ${t} records`, { id: 'records-done.two' }),
    few: () => msg(str`${d} of ${t} records`, { id: 'records-done.few' }),
    many: () => msg(str`${d} of ${t} records`, { id: 'records-done.many' }),
    other: () => msg(str`${d} of ${t} records`, { id: 'records-done.other' }),
  });
}

/** "5 minutes" or "1 hour": a choice of how long the library waits, unused, before it locks. */
export function idleDuration(minutes: number): string {
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    const n = formatNumber(hours);
    return plural(hours, {
      zero: () => msg(str`${n} hours`, { id: 'idle-hours.zero' }),
      one: () => msg(str`${n} hour`, { id: 'idle-hours.one' }),
      two: () => msg(str`${n} hours`, { id: 'idle-hours.two' }),
      few: () => msg(str`${n} hours`, { id: 'idle-hours.few' }),
      many: () => msg(str`${n} hours`, { id: 'idle-hours.many' }),
      other: () => msg(str`${n} hours`, { id: 'idle-hours.other' }),
    });
  }
  const n = formatNumber(minutes);
  return plural(minutes, {
    zero: () => msg(str`${n} minutes`, { id: 'idle-minutes.zero' }),
    one: () => msg(str`${n} minute`, { id: 'idle-minutes.one' }),
    two: () => msg(str`${n} minutes`, { id: 'idle-minutes.two' }),
    few: () => msg(str`${n} minutes`, { id: 'idle-minutes.few' }),
    many: () => msg(str`${n} minutes`, { id: 'idle-minutes.many' }),
    other: () => msg(str`${n} minutes`, { id: 'idle-minutes.other' }),
  });
}

/** "after 5 minutes without use": when the library locks by itself (a phrase, for its own case). */
export function afterIdle(minutes: number): string {
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    const n = formatNumber(hours);
    return plural(hours, {
      zero: () => msg(str`after ${n} hours without use`, { id: 'after-idle-hours.zero' }),
      one: () => msg(str`after ${n} hour without use`, { id: 'after-idle-hours.one' }),
      two: () => msg(str`after ${n} hours without use`, { id: 'after-idle-hours.two' }),
      few: () => msg(str`after ${n} hours without use`, { id: 'after-idle-hours.few' }),
      many: () => msg(str`after ${n} hours without use`, { id: 'after-idle-hours.many' }),
      other: () => msg(str`after ${n} hours without use`, { id: 'after-idle-hours.other' }),
    });
  }
  const n = formatNumber(minutes);
  return plural(minutes, {
    zero: () => msg(str`after ${n} minutes without use`, { id: 'after-idle-minutes.zero' }),
    one: () => msg(str`after ${n} minute without use`, { id: 'after-idle-minutes.one' }),
    two: () => msg(str`after ${n} minutes without use`, { id: 'after-idle-minutes.two' }),
    few: () => msg(str`after ${n} minutes without use`, { id: 'after-idle-minutes.few' }),
    many: () => msg(str`after ${n} minutes without use`, { id: 'after-idle-minutes.many' }),
    other: () => msg(str`after ${n} minutes without use`, { id: 'after-idle-minutes.other' }),
  });
}

/** "2 databases" removed by a wipe. */
export function databaseCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} databases`, { id: 'databases.zero' }),
    one: () => msg(str`${n} database`, { id: 'databases.one' }),
    two: () => msg(str`${n} databases`, { id: 'databases.two' }),
    few: () => msg(str`${n} databases`, { id: 'databases.few' }),
    many: () => msg(str`${n} databases`, { id: 'databases.many' }),
    other: () => msg(str`${n} databases`, { id: 'databases.other' }),
  });
}

/** "3 caches" removed by a wipe. */
export function cacheCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} caches`, { id: 'caches.zero' }),
    one: () => msg(str`${n} cache`, { id: 'caches.one' }),
    two: () => msg(str`${n} caches`, { id: 'caches.two' }),
    few: () => msg(str`${n} caches`, { id: 'caches.few' }),
    many: () => msg(str`${n} caches`, { id: 'caches.many' }),
    other: () => msg(str`${n} caches`, { id: 'caches.other' }),
  });
}

/** "1 service worker" removed by a wipe. */
export function serviceWorkerCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} service workers`, { id: 'service-workers.zero' }),
    one: () => msg(str`${n} service worker`, { id: 'service-workers.one' }),
    two: () => msg(str`${n} service workers`, { id: 'service-workers.two' }),
    few: () => msg(str`${n} service workers`, { id: 'service-workers.few' }),
    many: () => msg(str`${n} service workers`, { id: 'service-workers.many' }),
    other: () => msg(str`${n} service workers`, { id: 'service-workers.other' }),
  });
}

/** "4 items of local storage" removed by a wipe. */
export function storageItemCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} items of local storage`, { id: 'storage-items.zero' }),
    one: () => msg(str`${n} item of local storage`, { id: 'storage-items.one' }),
    two: () => msg(str`${n} items of local storage`, { id: 'storage-items.two' }),
    few: () => msg(str`${n} items of local storage`, { id: 'storage-items.few' }),
    many: () => msg(str`${n} items of local storage`, { id: 'storage-items.many' }),
    other: () => msg(str`${n} items of local storage`, { id: 'storage-items.other' }),
  });
}

/** "2 files" (the origin's private files) removed by a wipe. */
export function fileCount(count: number): string {
  const n = formatNumber(count);
  return plural(count, {
    zero: () => msg(str`${n} files`, { id: 'files.zero' }),
    one: () => msg(str`${n} file`, { id: 'files.one' }),
    two: () => msg(str`${n} files`, { id: 'files.two' }),
    few: () => msg(str`${n} files`, { id: 'files.few' }),
    many: () => msg(str`${n} files`, { id: 'files.many' }),
    other: () => msg(str`${n} files`, { id: 'files.other' }),
  });
}
