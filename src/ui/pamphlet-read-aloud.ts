import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatPercent, languageName } from '../l10n/format.ts';
import { getSettings, READ_ALOUD_RATES, saveSetting, type ReadAloudRate, type ReadAloudVoices } from '../browser/storage/settings.ts';
import { onLockStatus } from '../lock/lock-status.ts';
import { markRanges, paragraphsOf, rangeAt, scrollToRange, textNodes } from './article-text.ts';
import type { PamphletArticleBody } from './pamphlet-article-body.ts';
import { sharedStyles } from './shared-styles.ts';
import { deviceVoices, voicesFor } from './speech-voices.ts';

const SENTENCE = 'pamphlet-spoken-sentence';
const WORD = 'pamphlet-spoken-word';

type Playing = 'stopped' | 'speaking' | 'paused';

/** Pixels at the top of the screen that the app's sticky header may cover: a paragraph ending there is not in view. */
const HEADER_ROOM = 80;

/** The paragraph being read, and the text of it that the current utterance holds. */
interface Reading {
  index: number;
  nodes: Text[];
  text: string;
  /** Where in the paragraph's text the utterance begins (a restart at a new speed begins mid-way). */
  from: number;
  /** Where the sentence being spoken begins, for a restart. */
  sentence: number;
}

/**
 * Reads the article aloud with the device's voices, one paragraph per utterance (Chromium cuts a
 * long one off after some 15 seconds), from the first paragraph in view; the sentence and the word
 * being spoken are marked and kept in view. Only on-device voices are offered (speech-voices.ts).
 * Speaking stops when the article closes, the page goes, or the library locks.
 */
@customElement('pamphlet-read-aloud')
@localized()
export class PamphletReadAloud extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 0.75rem;
      }
      /* A label and its list side by side while they fit; the list under its label, and no wider
         than the screen, on a phone with large text. */
      label {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.35rem;
        max-width: 100%;
      }
      select {
        max-width: min(14rem, 100%);
        min-width: 0;
      }
      button {
        padding: 0.25rem 0.75rem;
      }
      p {
        margin: 0 0 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) articleBody?: PamphletArticleBody;
  @state() private _playing: Playing = 'stopped';
  @state() private _voices: SpeechSynthesisVoice[] = [];
  @state() private _voice?: SpeechSynthesisVoice;
  @state() private _rate: ReadAloudRate = 1;
  /** Why nothing can be read: no voice for the language, or a voice failed. */
  @state() private _problem = '';
  @state() private _ready = false;
  private _chosen: ReadAloudVoices = {};
  private _reading?: Reading;
  private _utterance?: SpeechSynthesisUtterance;
  private _stopListening?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this._stop);
    this._stopListening = onLockStatus((status) => {
      if (status === 'locked') this._stop();
    });
    void this._prepare();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this._stop);
    this._stopListening?.();
    this._stop();
  }

  private _lang(): string {
    return this.articleBody?.lang ?? '';
  }

  private _frame(): HTMLIFrameElement | null | undefined {
    return this.articleBody?.renderRoot.querySelector('iframe');
  }

  /** The language's primary subtag, under which the chosen voice is kept. */
  private _primary(): string {
    return this._lang().split('-')[0]!.toLowerCase();
  }

  private async _prepare(): Promise<void> {
    // A browser without the Web Speech API has no voice for any language, and is told so.
    const speech = 'speechSynthesis' in window ? deviceVoices(speechSynthesis) : Promise.resolve([]);
    const [settings, voices] = await Promise.all([getSettings().catch(() => undefined), speech]);
    this._rate = settings?.readAloudRate ?? 1;
    this._chosen = settings?.readAloudVoices ?? {};
    const language = languageName(this._lang()) ?? this._lang();
    const { local, remote } = voicesFor(this._lang(), voices);
    this._voices = local;
    this._voice = local.find((voice) => voice.voiceURI === this._chosen[this._primary()]) ?? local[0];
    if (local.length === 0) {
      this._problem =
        remote > 0
          ? msg(
              str`This device’s voices for ${language} read over the network: they would send the article’s text to a speech server, so Pamphlet does not use them. Install an on-device voice for ${language} in the device’s settings.`,
            )
          : msg(str`No voice on this device for ${language}.`);
    }
    this._ready = true;
    if (this._voice) this._play();
  }

  private _play(): void {
    if (this._playing === 'paused') {
      speechSynthesis.resume();
      this._playing = 'speaking';
      return;
    }
    const start = this._firstInView();
    if (start >= 0) this._speak(start, 0);
  }

  /** The first paragraph whose end is below the top of the screen (under the app's header). */
  private _firstInView(): number {
    const frame = this._frame();
    const body = frame?.contentDocument?.body;
    if (!frame || !body) return -1;
    const paragraphs = paragraphsOf(body);
    const top = frame.getBoundingClientRect().top;
    const index = paragraphs.findIndex((paragraph) => top + paragraph.getBoundingClientRect().bottom > HEADER_ROOM);
    return paragraphs.length === 0 ? -1 : Math.max(0, index);
  }

  /** Speaks paragraph `index` from code unit `from` of its text, then the ones after it. */
  private _speak(index: number, from: number): void {
    const body = this._frame()?.contentDocument?.body;
    const paragraph = body ? paragraphsOf(body)[index] : undefined;
    if (!paragraph || !this._voice) {
      this._stop();
      return;
    }
    const nodes = textNodes(paragraph);
    const text = nodes.map((node) => node.data).join('');
    this._reading = { index, nodes, text, from, sentence: from };
    const utterance = new SpeechSynthesisUtterance(text.slice(from));
    utterance.voice = this._voice;
    utterance.lang = this._voice.lang;
    utterance.rate = this._rate;
    utterance.addEventListener('boundary', (event) => {
      // A sentence boundary (some engines send them) marks no word.
      if (utterance === this._utterance) this._follow(from + event.charIndex, event.name === 'word' ? event.charLength : undefined);
    });
    utterance.addEventListener('end', () => {
      if (utterance === this._utterance) this._speak(index + 1, 0);
    });
    utterance.addEventListener('error', (event) => {
      if (utterance !== this._utterance || event.error === 'interrupted' || event.error === 'canceled') return;
      const reason = event.error;
      this._stop();
      this._problem = msg(str`The voice stopped: ${reason}.`);
    });
    this._utterance = utterance;
    this._playing = 'speaking';
    this._problem = '';
    // A paused queue would hold the new utterance too.
    speechSynthesis.cancel();
    speechSynthesis.resume();
    speechSynthesis.speak(utterance);
    markRanges(paragraph.ownerDocument, WORD, []);
    this._follow(from, undefined);
  }

  /** Marks the sentence and the word at `at` in the paragraph being read, and keeps them in view. */
  private _follow(at: number, length?: number): void {
    const reading = this._reading;
    const frame = this._frame();
    const doc = frame?.contentDocument;
    if (!reading || !frame || !doc || reading.nodes.length === 0) return;
    const sentence = segmentAt(this._segmenter('sentence'), reading.text, at);
    reading.sentence = sentence.start;
    // Engines that give no word's length (0) still mark the word that begins there.
    const word =
      length === undefined
        ? undefined
        : length > 0
          ? { start: at, end: at + length }
          : segmentAt(this._segmenter('word'), reading.text, at);
    const sentenceRange = rangeAt(reading.nodes, sentence.start, sentence.end);
    markRanges(doc, SENTENCE, [sentenceRange]);
    if (word) markRanges(doc, WORD, word.end > word.start ? [rangeAt(reading.nodes, word.start, word.end)] : []);
    scrollToRange(frame, sentenceRange);
  }

  /** The article's language's rules for where sentences and words begin, made once. */
  private _segmenters = new Map<string, Intl.Segmenter>();
  private _segmenter(granularity: 'sentence' | 'word'): Intl.Segmenter {
    let segmenter = this._segmenters.get(granularity);
    if (!segmenter) {
      segmenter = new Intl.Segmenter(this._lang() || undefined, { granularity });
      this._segmenters.set(granularity, segmenter);
    }
    return segmenter;
  }

  private _pause(): void {
    speechSynthesis.pause();
    this._playing = 'paused';
  }

  private _stop = (): void => {
    this._utterance = undefined;
    this._reading = undefined;
    if (this._playing !== 'stopped') speechSynthesis.cancel();
    this._playing = 'stopped';
    const doc = this._frame()?.contentDocument;
    if (doc) {
      markRanges(doc, SENTENCE, []);
      markRanges(doc, WORD, []);
    }
  };

  /** A new speed or voice applies at once: the sentence being read is read again with it. */
  private _restart(): void {
    const reading = this._reading;
    if (!reading || this._playing === 'stopped') return;
    this._speak(reading.index, reading.sentence);
  }

  private _onRate(event: Event): void {
    this._rate = Number((event.target as HTMLSelectElement).value) as ReadAloudRate;
    void saveSetting('readAloudRate', this._rate).catch(() => undefined);
    this._restart();
  }

  private _onVoice(event: Event): void {
    const uri = (event.target as HTMLSelectElement).value;
    this._voice = this._voices.find((voice) => voice.voiceURI === uri) ?? this._voice;
    this._chosen = { ...this._chosen, [this._primary()]: uri };
    void saveSetting('readAloudVoices', this._chosen).catch(() => undefined);
    this._restart();
  }

  private _controls() {
    const playing = this._playing;
    return html`<div class="row">
      ${
        playing === 'speaking'
          ? html`<button @click=${this._pause}>${msg('Pause')}</button>`
          : html`<button @click=${this._play}>${playing === 'paused' ? msg('Resume') : msg('Play')}</button>`
      }
      <button class="secondary" ?disabled=${playing === 'stopped'} @click=${this._stop}>${msg('Stop')}</button>
      <label
        >${msg('Speed')}
        <select @change=${this._onRate}>
          ${READ_ALOUD_RATES.map((rate) => html`<option value=${rate} ?selected=${rate === this._rate}>${formatPercent(rate)}</option>`)}
        </select>
      </label>
      <label
        >${msg('Voice')}
        <select @change=${this._onVoice}>
          ${this._voices.map((voice) => html`<option value=${voice.voiceURI} ?selected=${voice === this._voice}>${voice.name}</option>`)}
        </select>
      </label>
      <button class="secondary" @click=${() => this.dispatchEvent(new Event('close'))}>${msg('Close')}</button>
    </div>`;
  }

  override render() {
    if (!this._ready) return html`<p role="status">${msg('Looking for the device’s voices…')}</p>`;
    const closeOnly = html`<button class="secondary" @click=${() => this.dispatchEvent(new Event('close'))}>${msg('Close')}</button>`;
    return html`${this._problem ? html`<p role="alert">${this._problem}</p>` : nothing}
    ${this._voices.length > 0 ? this._controls() : closeOnly}`;
  }
}

/** The segment of `text` that holds code unit `at` (the last one, past the end). */
function segmentAt(segmenter: Intl.Segmenter, text: string, at: number): { start: number; end: number } {
  const segment = segmenter.segment(text).containing(Math.min(at, Math.max(0, text.length - 1)));
  return segment ? { start: segment.index, end: segment.index + segment.segment.length } : { start: at, end: at };
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-read-aloud': PamphletReadAloud;
  }
}
