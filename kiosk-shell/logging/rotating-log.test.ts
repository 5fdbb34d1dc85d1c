import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RotatingLog } from './rotating-log.ts';
import { createShellLog } from './shell-log.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const read = (name: string) => readFile(join(dir, name), 'utf8');

describe('the rotating log file', () => {
  it('creates its directory and appends lines to kiosk-shell.log, continuing a previous run', async () => {
    const nested = join(dir, 'data', 'logs');
    const first = new RotatingLog({ dir: nested });
    first.write('one');
    first.close();
    const second = new RotatingLog({ dir: nested });
    second.write('two');
    second.close();
    expect(await readFile(join(nested, 'kiosk-shell.log'), 'utf8')).toBe('one\ntwo\n');
  });

  it('rotates before a line would pass the size limit and keeps only N old files', async () => {
    const log = new RotatingLog({ dir, maxBytes: 20, keep: 2 });
    // Each line is 10 bytes with its newline: two per file.
    for (let index = 0; index < 7; index++) log.write(`line ${index}...`);
    log.close();
    expect((await readdir(dir)).sort()).toEqual(['kiosk-shell.log', 'kiosk-shell.log.1', 'kiosk-shell.log.2']);
    expect(await read('kiosk-shell.log')).toBe('line 6...\n');
    expect(await read('kiosk-shell.log.1')).toBe('line 4...\nline 5...\n');
    expect(await read('kiosk-shell.log.2')).toBe('line 2...\nline 3...\n');
  });

  it('counts a file left by an earlier run towards the limit', async () => {
    await writeFile(join(dir, 'kiosk-shell.log'), 'x'.repeat(15));
    const log = new RotatingLog({ dir, maxBytes: 20, keep: 1 });
    log.write('new line');
    log.close();
    expect(await read('kiosk-shell.log.1')).toBe('x'.repeat(15));
    expect(await read('kiosk-shell.log')).toBe('new line\n');
  });

  it('refuses a log directory it cannot create, with the system error', async () => {
    await writeFile(join(dir, 'a-file'), '');
    expect(() => new RotatingLog({ dir: join(dir, 'a-file', 'logs') })).toThrow(/ENOTDIR|EEXIST/);
  });

  it('reports a failed write and carries on once the directory is back', async () => {
    const errors: string[] = [];
    const logDir = join(dir, 'logs');
    const log = new RotatingLog({ dir: logDir, maxBytes: 10, keep: 1, onError: (error) => errors.push(error.code ?? '') });
    log.write('first');
    await rm(logDir, { recursive: true });
    log.write('rotates into a missing directory');
    expect(errors).toEqual(['ENOENT']);
    await mkdir(logDir);
    log.write('back');
    log.close();
    expect(await readFile(join(logDir, 'kiosk-shell.log'), 'utf8')).toBe('back\n');
  });
});

describe('the shell log function', () => {
  it('stamps, scrubs and flattens each line before any sink sees it', () => {
    const lines: string[] = [];
    const log = createShellLog({ sinks: [(line) => lines.push(line)], clock: { now: () => Date.parse('2026-02-01T08:00:00.000Z') } });
    log('card for 110101199003071234\nname: Li Si');
    expect(lines).toEqual(['2026-02-01T08:00:00.000Z card for 1101**********1234 name: ***']);
  });
});
