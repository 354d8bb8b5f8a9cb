import { msg, str } from '@lit/localize';
import { formatBytes, formatNumber } from '../l10n/format.ts';
import { articleCount } from '../l10n/counts.ts';
import type { NearbyFailure } from './nearby-error.ts';
import type { TransferProgress } from './transfer-progress.ts';

export type NearbyRole = 'send' | 'receive';

/** Why a Nearby connection or transfer ended early, and what to do, in the UI's language. */
export function failureText(failure: NearbyFailure, role: NearbyRole, progress: TransferProgress): string {
  const kept = articleCount(progress.kept);
  switch (failure) {
    case 'no-network':
      return msg(
        'This phone is on no network. Join the same Wi-Fi as the other phone, or turn on one phone’s hotspot and join it with the other (no internet is needed), then start again.',
      );
    case 'not-connected':
      return msg(
        'The phones could not reach each other. They must be on the same Wi-Fi or hotspot (no internet is needed); some public Wi-Fi keeps devices apart, so one phone’s hotspot is the surer way. Check both phones, then start again.',
      );
    case 'dropped':
      return role === 'receive'
        ? msg(
            str`The connection to the other phone was lost. Arrived whole and kept in the library: ${kept}. Nothing partial was stored. Connect again, and only the missing articles will be sent.`,
          )
        : msg(
            str`The connection to the other phone was lost. Arrived there whole: ${kept}. Connect again, and only the missing articles will be sent.`,
          );
    case 'cancelled-here':
      return msg(str`Transfer cancelled. Arrived whole and kept: ${kept}. Connecting again sends only the rest.`);
    case 'cancelled-there':
      return msg(str`The other phone cancelled the transfer. Arrived whole and kept: ${kept}. Connecting again sends only the rest.`);
    case 'protocol':
      return msg(
        str`The other phone sent something this version of Pamphlet does not understand, so the transfer stopped. Arrived whole and kept: ${kept}. Make sure both phones have the latest Pamphlet.`,
      );
    case 'other-version':
      return msg(
        str`The other phone has a different version of Pamphlet, which sends articles another way, so the transfer stopped. Arrived whole and kept: ${kept}. Update Pamphlet on both phones, then connect again.`,
      );
  }
}

/** The finished transfer, on either phone. */
export function finishedText(role: NearbyRole, progress: TransferProgress): string {
  const kept = articleCount(progress.kept);
  const already = articleCount(progress.alreadyThere);
  const notKept = articleCount(progress.notKept);
  const parts =
    role === 'receive'
      ? [msg(str`Done: ${kept} received and checked.`), progress.alreadyThere > 0 ? msg(str`Already here: ${already}.`) : '']
      : [msg(str`Done: ${kept} sent.`), progress.alreadyThere > 0 ? msg(str`Already on the other phone: ${already}.`) : ''];
  if (progress.notKept > 0) parts.push(msg(str`Not kept: ${notKept} (the import report says why).`));
  return parts.filter(Boolean).join(' ');
}

/** "12 of 60 articles, 1.2 MB, 850 kB per second". */
export function progressText(progress: TransferProgress): string {
  const done = formatNumber(progress.kept + progress.notKept);
  const total = articleCount(progress.toSend);
  const bytes = formatBytes(progress.bytes);
  const speed = formatBytes(Math.round(progress.bytesPerSecond));
  return msg(str`${done} of ${total}, ${bytes}, ${speed} per second`);
}
