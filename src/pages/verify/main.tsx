import { render } from 'preact';
import { copyIdFrom } from './copy-id.ts';
import { verifyCopy } from './store.ts';
import { VerifyApp } from './VerifyApp.tsx';
import '../shared/base.css';

const copyId = copyIdFrom(location.pathname);
render(<VerifyApp copyId={copyId} />, document.getElementById('app')!);
void verifyCopy(copyId);
