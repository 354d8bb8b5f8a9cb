/** The largest file the app reads: a phone must hold it in memory twice while checking it. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
