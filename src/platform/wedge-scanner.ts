/**
 * The keyboard-wedge scanner: a USB scanner that presents itself as a keyboard. Listens to every
 * key before any screen does, asks the WedgeDetector whether it belongs to a scan, reports scans
 * through `reportScan`, and types held keys that turned out to be a person's typing into the
 * field that has focus, so a scan never lands in an input and typing is unaffected.
 */
import { DEFAULT_WEDGE_OPTIONS, WedgeDetector, type WedgeOptions } from '../core/wedge.ts';
import { reportScan } from './scans.ts';

function isEditable(target: EventTarget | null): target is HTMLInputElement | HTMLTextAreaElement {
  return (target instanceof HTMLInputElement && !target.readOnly && !target.disabled) || (target instanceof HTMLTextAreaElement && !target.readOnly);
}

/** Types text into the focused field as the keyboard would, so the field's input handlers run. */
function typeIntoFocus(text: string): void {
  if (text === '' || !isEditable(document.activeElement)) return;
  // execCommand is the one way to insert text that fires `input` like real typing and keeps undo.
  if (!document.execCommand('insertText', false, text)) {
    const field = document.activeElement;
    field.setRangeText(text, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/** Installs the listener; returns the function that removes it. */
export function installWedgeScanner(options: WedgeOptions = DEFAULT_WEDGE_OPTIONS): () => void {
  const detector = new WedgeDetector(options);
  let settleTimer: ReturnType<typeof setTimeout> | undefined;

  const settle = () => {
    settleTimer = undefined;
    typeIntoFocus(detector.settle(performance.now()));
    if (detector.holding) settleTimer = setTimeout(settle, options.maxGapMs);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing) return;
    const decision = detector.key(event.key, event.timeStamp, !(event.ctrlKey || event.altKey || event.metaKey));
    typeIntoFocus(decision.flush);
    if (decision.action === 'pass') return;
    event.preventDefault();
    if (decision.action === 'scan') reportScan(decision.text, 'wedge');
    clearTimeout(settleTimer);
    settleTimer = decision.action === 'hold' ? setTimeout(settle, options.maxGapMs + 5) : undefined;
  };

  document.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    document.removeEventListener('keydown', onKeyDown, { capture: true });
    clearTimeout(settleTimer);
  };
}
