import type { Language } from '../core/language.ts';

/** Voices that may read a language: Taiwanese or Hong Kong voices both read traditional Chinese. */
const VOICE_LANGS: Record<Language, string[]> = { 'zh-CN': ['zh-cn'], 'zh-TW': ['zh-tw', 'zh-hk'], en: ['en'] };

function findVoice(lang: Language): SpeechSynthesisVoice | undefined {
  const wanted = VOICE_LANGS[lang];
  return speechSynthesis
    .getVoices()
    .find((voice) => wanted.some((prefix) => voice.lang.replace('_', '-').toLowerCase().startsWith(prefix)));
}

/** Speaks a prompt where the platform has a voice for the language; silent (never an error) otherwise. */
export function speak(text: string, lang: Language): void {
  try {
    if (typeof speechSynthesis === 'undefined') return;
    const voice = findVoice(lang);
    if (!voice) return;
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    // Slightly slower than default: many listeners are elderly and the hall is noisy.
    utterance.rate = 0.9;
    speechSynthesis.speak(utterance);
  } catch {
    // Speech is a help, never a requirement.
  }
}

export function stopSpeaking(): void {
  try {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  } catch {
    // Nothing to stop.
  }
}
