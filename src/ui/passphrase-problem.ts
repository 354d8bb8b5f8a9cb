import { msg } from '@lit/localize';
import { errorText } from '../l10n/note-text.ts';

/** Why a passphrase was refused, in the reader's words; `wrong` says it for a wrong one. */
export function problemOf(error: unknown, wrong: string): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'WrongPassphraseError') return wrong;
  if (name === 'EmptyPassphraseError') return msg('Type your current passphrase.');
  return errorText(error);
}
