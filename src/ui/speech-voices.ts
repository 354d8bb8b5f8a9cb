/**
 * The device's speech voices that can read an article in its language. Only voices that speak on
 * the device (`localService`) may: a network voice sends the text it reads to a speech server,
 * which would tell that server what the reader reads, word for word (docs/threat-model.md).
 */

export interface VoicesForLanguage {
  /** On-device voices for the language, those of its exact region first. */
  local: SpeechSynthesisVoice[];
  /** How many voices for the language would read over the network: none of them is used. */
  remote: number;
}

/** The language's primary subtag, lower case: "pt-BR" → "pt". */
function primaryOf(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

export function voicesFor(lang: string, voices: readonly SpeechSynthesisVoice[]): VoicesForLanguage {
  const primary = primaryOf(lang);
  const exact = lang.replace('_', '-').toLowerCase();
  const matching = voices.filter((voice) => primaryOf(voice.lang) === primary);
  const local = matching
    .filter((voice) => voice.localService)
    .sort((a, b) => Number(b.lang.replace('_', '-').toLowerCase() === exact) - Number(a.lang.replace('_', '-').toLowerCase() === exact));
  return { local, remote: matching.length - local.length };
}

/**
 * The device's voices. Chromium lists them only after a while, and says so with `voiceschanged`;
 * a device with none never does, so the wait is short.
 */
export async function deviceVoices(speech: SpeechSynthesis, waitMs = 1500): Promise<SpeechSynthesisVoice[]> {
  const now = speech.getVoices();
  if (now.length > 0) return now;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      speech.removeEventListener('voiceschanged', done);
      resolve(speech.getVoices());
    };
    const timer = setTimeout(done, waitMs);
    speech.addEventListener('voiceschanged', done);
  });
}
