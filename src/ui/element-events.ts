import type { Settings } from '../browser/storage/settings.ts';
import type { SignalCode } from '../shared/nearby/signal-code.ts';

/** Every event a Pamphlet element sends up the tree, declared in one place. */

export class SettingsChangedEvent extends Event {
  static readonly eventName = 'pamphlet-settings-changed';
  constructor(readonly settings: Settings) {
    super(SettingsChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [SettingsChangedEvent.eventName]: SettingsChangedEvent;
  }
}

/** The reader pressed a notice's button. */
export class NoticeActionEvent extends Event {
  static readonly eventName = 'pamphlet-notice-action';
  constructor() {
    super(NoticeActionEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [NoticeActionEvent.eventName]: NoticeActionEvent;
  }
}

/** The reader changed the library's search or filters. */
export class FiltersChangedEvent extends Event {
  static readonly eventName = 'pamphlet-filters-changed';
  constructor(readonly filters: import('../library/library-entries.ts').LibraryFilters) {
    super(FiltersChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [FiltersChangedEvent.eventName]: FiltersChangedEvent;
  }
}

/** The reader asked for something to be done to the selected articles. */
export type LibraryAction = 'read' | 'unread' | 'star' | 'unstar' | 'tag' | 'delete' | 'clear' | 'nearby';

export class LibraryActionEvent extends Event {
  static readonly eventName = 'pamphlet-library-action';
  constructor(
    readonly action: LibraryAction,
    readonly tag?: string,
  ) {
    super(LibraryActionEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [LibraryActionEvent.eventName]: LibraryActionEvent;
  }
}

/** The Nearby camera read the other phone's offer or answer. */
export class NearbyCodeEvent extends Event {
  static readonly eventName = 'pamphlet-nearby-code';
  constructor(readonly code: SignalCode) {
    super(NearbyCodeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [NearbyCodeEvent.eventName]: NearbyCodeEvent;
  }
}

/** The reader chose which articles to send to a nearby phone. */
export class NearbyPickEvent extends Event {
  static readonly eventName = 'pamphlet-nearby-pick';
  constructor(readonly ids: readonly string[]) {
    super(NearbyPickEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [NearbyPickEvent.eventName]: NearbyPickEvent;
  }
}

/** The reader trusted a publisher's key (from the trust form or by following its source). */
export class PublisherTrustedEvent extends Event {
  static readonly eventName = 'pamphlet-publisher-trusted';
  constructor(readonly key: string) {
    super(PublisherTrustedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [PublisherTrustedEvent.eventName]: PublisherTrustedEvent;
  }
}

/** The reader chose what to take from a backup, or cancelled (`choices` undefined). */
export class RestoreChosenEvent extends Event {
  static readonly eventName = 'pamphlet-restore-chosen';
  constructor(readonly choices: import('../backup/restore-library.ts').RestoreChoices | undefined) {
    super(RestoreChosenEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [RestoreChosenEvent.eventName]: RestoreChosenEvent;
  }
}
