import type { Page } from '@playwright/test';

/**
 * A stand-in for the device's speech engine, at the browser's boundary.
 *
 * Debian's headless Chromium has `speechSynthesis` but no voice at all (`getVoices()` stays empty:
 * voices come from speech-dispatcher, which the test machine does not run), and what it would say
 * cannot be heard by a test anyway. The voice engine is the device's, outside the app, like the
 * camera that qr-video.ts stands in for. So this replaces `speechSynthesis` and
 * `SpeechSynthesisUtterance` before the app loads, keeping the Web API's contract as Chromium
 * keeps it: voices listed only a moment after the page starts, `voiceschanged` fired then; one utterance at a time from a
 * queue; `start`, then a `boundary` event (name "word", `charIndex`, `charLength`) per word, then
 * `end`; `pause()`/`resume()` hold and continue the current utterance; `cancel()` empties the
 * queue and ends the current utterance with an `error` event of error "interrupted". It records
 * what it was asked to speak, in `window.speechLog`.
 */

export interface StandInVoice {
  name: string;
  lang: string;
  localService: boolean;
}

export interface SpokenUtterance {
  text: string;
  lang: string;
  voice: string | null;
  rate: number;
  /** How it finished: "end", "interrupted" or "canceled"; absent while it is spoken or waiting. */
  outcome?: string;
}

export interface SpeechLog {
  utterances: SpokenUtterance[];
  /** The words spoken of the current utterance, as boundaries reported them. */
  words: string[];
  paused: boolean;
  speaking: boolean;
  /** How long each word takes at rate 1; tests slow the voice to act mid-paragraph. */
  wordMs: number;
}

declare global {
  interface Window {
    speechLog: SpeechLog;
  }
}

/** Installs the stand-in with these voices on every page of the test, before the app's code runs. */
export async function standInSpeech(page: Page, voices: StandInVoice[], wordMs = 20): Promise<void> {
  await page.addInitScript(
    ([voices, wordMs]) => {
      // Only the app's page speaks; the article's sandboxed frame runs no script.
      if (window !== window.top) return;
      const log: SpeechLog = { utterances: [], words: [], paused: false, speaking: false, wordMs };
      window.speechLog = log;
      const deviceVoices = voices.map((voice, index) => ({ ...voice, voiceURI: `standin:${voice.name}`, default: index === 0 }));

      class StandInUtterance extends EventTarget {
        text: string;
        lang = '';
        voice: (typeof deviceVoices)[number] | null = null;
        rate = 1;
        pitch = 1;
        volume = 1;
        record?: SpokenUtterance;
        constructor(text = '') {
          super();
          this.text = text;
        }
      }

      const queue: StandInUtterance[] = [];
      let current: StandInUtterance | undefined;
      let words: RegExpExecArray[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      let listed = false;

      const fire = (utterance: StandInUtterance, type: string, extra: Record<string, unknown> = {}) => {
        const event = Object.assign(new Event(type), { utterance, charIndex: 0, charLength: 0, elapsedTime: 0, name: '' }, extra);
        utterance.dispatchEvent(event);
      };
      const finish = (utterance: StandInUtterance, outcome: string) => {
        utterance.record!.outcome = outcome;
        if (outcome === 'end') fire(utterance, 'end');
        else fire(utterance, 'error', { error: outcome });
      };
      const next = () => {
        clearTimeout(timer);
        current = queue.shift();
        log.speaking = current !== undefined;
        log.words = [];
        if (!current) return;
        words = [...current.text.matchAll(/\S+/g)];
        fire(current, 'start');
        tick();
      };
      const tick = () => {
        if (log.paused || !current) return;
        const utterance = current;
        timer = setTimeout(() => {
          if (log.paused || utterance !== current) return;
          const word = words.shift();
          if (!word) {
            // Done before `end` is heard: what the page speaks from its `end` listener is next.
            current = undefined;
            log.speaking = false;
            finish(utterance, 'end');
            if (!current) next();
            return;
          }
          log.words.push(word[0]);
          fire(utterance, 'boundary', { name: 'word', charIndex: word.index, charLength: word[0].length });
          tick();
        }, log.wordMs / utterance.rate);
      };

      const speech = new (class extends EventTarget {
        get speaking() {
          return log.speaking;
        }
        get paused() {
          return log.paused;
        }
        get pending() {
          return queue.length > 0;
        }
        getVoices() {
          return listed ? deviceVoices : [];
        }
        speak(utterance: StandInUtterance) {
          utterance.record = { text: utterance.text, lang: utterance.lang, voice: utterance.voice?.voiceURI ?? null, rate: utterance.rate };
          log.utterances.push(utterance.record);
          queue.push(utterance);
          if (!current) next();
        }
        cancel() {
          for (const waiting of queue.splice(0)) finish(waiting, 'canceled');
          const speaking = current;
          current = undefined;
          clearTimeout(timer);
          log.speaking = false;
          if (speaking) finish(speaking, 'interrupted');
        }
        pause() {
          log.paused = true;
          clearTimeout(timer);
        }
        resume() {
          if (!log.paused) return;
          log.paused = false;
          tick();
        }
      })();
      Object.defineProperty(window, 'speechSynthesis', { value: speech, configurable: true });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: StandInUtterance, configurable: true });
      // Chromium lists its voices a moment after the page starts, and says so.
      setTimeout(() => {
        listed = true;
        speech.dispatchEvent(new Event('voiceschanged'));
      }, 50);
    },
    [voices, wordMs] as const,
  );
}

export async function speechLog(page: Page): Promise<SpeechLog> {
  return page.evaluate(() => window.speechLog);
}
