import type { Settings } from './storage/settings.ts';

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
