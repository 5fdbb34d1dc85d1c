import { render } from 'preact';
import { loadHallConfig } from '../shared/hall-config.ts';
import { CaseApp } from './CaseApp.tsx';
import { loadProgress } from './store.ts';
import { caseTokenFrom } from './token.ts';
import '../shared/base.css';

const token = caseTokenFrom(location.pathname);
render(<CaseApp token={token} />, document.getElementById('app')!);
void loadHallConfig();
void loadProgress(token);
