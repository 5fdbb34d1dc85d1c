import { render } from 'preact';
import { loadCategoryNames } from '../shared/categories.ts';
import { loadHallConfig } from '../shared/hall-config.ts';
import { followTicket } from './store.ts';
import { trackTokenFrom } from './token.ts';
import { TrackApp } from './TrackApp.tsx';
import '../shared/base.css';

render(<TrackApp />, document.getElementById('app')!);
void loadCategoryNames();
// The hall's clock first, so "updated at" is never stamped with a clock about to be replaced.
await loadHallConfig();
followTicket(trackTokenFrom(location.pathname));
