import { render } from 'preact';
import { loadHallConfig } from '../shared/hall-config.ts';
import { DisplayApp } from './DisplayApp.tsx';
import { connectDisplayEvents } from './events.ts';
import { speechBlocked } from './store.ts';
import '../shared/base.css';

render(<DisplayApp />, document.getElementById('app')!);
void loadHallConfig();
connectDisplayEvents();
// A touch or key press on the display is the user gesture Chromium wants before it speaks.
for (const type of ['pointerdown', 'keydown'] as const) {
  document.addEventListener(type, () => (speechBlocked.value = false), { passive: true });
}
