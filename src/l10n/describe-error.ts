/**
 * `errorText`, with the words for every refusal (src/l10n/note-text.ts, one of the larger modules)
 * loaded only once something has gone wrong: the first screen does without them.
 */
export async function describeError(error: unknown): Promise<string> {
  const { errorText } = await import('./note-text.ts');
  return errorText(error);
}
