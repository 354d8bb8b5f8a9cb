/**
 * What went wrong, in the UI's language, for errors caught in the page. An error without a
 * translation of its own keeps its message.
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
