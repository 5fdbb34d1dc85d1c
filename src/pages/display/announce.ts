/**
 * Spoken calls for the hall display. Speech is a help, never a requirement: without the Web
 * Speech API or a Mandarin voice the display stays silent, and nothing here ever throws.
 */

/** "请A023号到3号窗口" */
export function callAnnouncement(number: string, windowNumber: number): string {
  return `请${number}号到${windowNumber}号窗口`;
}

// Browsers name Mandarin voices zh-CN, zh_CN or cmn-Hans-CN; Cantonese and Taiwanese voices would misread the call.
const MANDARIN = /^(zh[-_]cn|cmn[-_](hans[-_])?cn)/i;

function mandarinVoice(speech: SpeechSynthesis): SpeechSynthesisVoice | undefined {
  return speech.getVoices().find((voice) => MANDARIN.test(voice.lang));
}

/** Slower than default: the hall is noisy and many listeners are elderly. */
const RATE = 0.9;

export interface SpeakOptions {
  /** Chromium refuses speech before the first user gesture unless autoplay is allowed for the page. */
  onBlocked?: () => void;
}

function speakWith(speech: SpeechSynthesis, voice: SpeechSynthesisVoice, text: string, options: SpeakOptions): void {
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = RATE;
  utterance.onerror = (event) => {
    if (event.error === 'not-allowed') options.onBlocked?.();
  };
  // Not cancelling what is being said: two windows calling at once are both announced, in turn.
  speech.speak(utterance);
}

export function announce(text: string, options: SpeakOptions = {}): void {
  try {
    if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return;
    const speech = speechSynthesis;
    const voice = mandarinVoice(speech);
    if (voice) return speakWith(speech, voice, text, options);
    // Chromium fills the voice list asynchronously: the first call after start may find it empty.
    if (speech.getVoices().length === 0 && typeof speech.addEventListener === 'function') {
      speech.addEventListener(
        'voiceschanged',
        () => {
          try {
            const late = mandarinVoice(speech);
            if (late) speakWith(speech, late, text, options);
          } catch {
            // As below.
          }
        },
        { once: true },
      );
    }
  } catch {
    // Silent rather than a broken display.
  }
}
