import { render } from 'preact';
import { loadHallConfig } from '../shared/hall-config.ts';
import { EvaluateApp } from './EvaluateApp.tsx';
import { subjectFromPath } from './link.ts';
import { loadSubject } from './store.ts';
import '../shared/base.css';

const subject = subjectFromPath(location.pathname);
render(<EvaluateApp subject={subject} />, document.getElementById('app')!);
void loadHallConfig();
void loadSubject(subject);
