import { speak } from '../platform/speech.ts';
import { kioskConfig } from '../platform/config.ts';
import { language, translate, type MessageKey, type MessageParams } from './i18n/index.ts';
import { elderMode } from './session/store.ts';

/** Speaks a prompt when the hall's setting asks for voice in the current mode. */
export function voicePrompt(key: MessageKey, params?: MessageParams): void {
  const setting = kioskConfig.value.voicePrompts;
  if (setting === 'always' || (setting === 'elder' && elderMode.value)) {
    speak(translate(language.value, key, params), language.value);
  }
}
