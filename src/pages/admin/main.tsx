import { render } from 'preact';
import { loadHallConfig } from '../shared/hall-config.ts';
import { AdminApp } from './AdminApp.tsx';
import { checkSession } from './store.ts';
import '../shared/base.css';

render(<AdminApp />, document.getElementById('app')!);
// The hall's clock first, so "updated at" is never stamped with a clock about to be replaced.
await loadHallConfig();
void checkSession();
