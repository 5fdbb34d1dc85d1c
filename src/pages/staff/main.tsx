import { render } from 'preact';
import { loadCategoryNames } from '../shared/categories.ts';
import { StaffApp } from './StaffApp.tsx';
import { checkSession } from './store.ts';
import '../shared/base.css';

render(<StaffApp />, document.getElementById('app')!);
void checkSession();
void loadCategoryNames();
