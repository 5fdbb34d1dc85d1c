import { chmod, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentPrinter } from './doc-printer.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n% a certificate copy\n%%EOF\n');
const clock = { now: () => Date.parse('2026-03-15T02:15:00Z') };
const temp = () => mkdtemp(join(tmpdir(), 'doc-printer-'));

/** An lp stand-in: a shell script that records its arguments and stdin, or fails like CUPS does. */
async function fakeLp(dir: string, body: string): Promise<string> {
  const path = join(dir, 'lp');
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('document printer', () => {
  it('writes the PDF to DIR/<time>-<jobId>.pdf for pdf:DIR', async () => {
    const dir = join(await temp(), 'out');
    const printer = new DocumentPrinter({ target: { kind: 'pdf', dir }, clock });
    const outcome = await printer.print({ jobId: 'cert/42', pdf: PDF });
    expect(outcome).toEqual({ ok: true, path: join(dir, '2026-03-15T02-15-00-000Z-cert_42.pdf') });
    expect(new Uint8Array(await readFile(join(dir, '2026-03-15T02-15-00-000Z-cert_42.pdf')))).toEqual(PDF);
  });

  it('prints a job id once, answering the repeat with the first outcome', async () => {
    const dir = await temp();
    const printer = new DocumentPrinter({ target: { kind: 'pdf', dir }, clock });
    const first = await printer.print({ jobId: 'same', pdf: PDF });
    expect(await printer.print({ jobId: 'same', pdf: PDF })).toBe(first);
    expect(await readdir(dir)).toHaveLength(1);
  });

  it('refuses bytes that are not a PDF', async () => {
    const printer = new DocumentPrinter({ target: { kind: 'pdf', dir: await temp() }, clock });
    expect(await printer.print({ jobId: 'x', pdf: new TextEncoder().encode('<html>') })).toMatchObject({ ok: false, reason: 'not-a-pdf' });
  });

  it('reports failure, not a crash, when lp is missing', async () => {
    const printer = new DocumentPrinter({ target: { kind: 'cups', queue: 'A4' }, lpCommand: '/nonexistent/lp' });
    const outcome = await printer.print({ jobId: 'x', pdf: PDF });
    expect(outcome).toMatchObject({ ok: false, reason: 'error' });
    expect(outcome.ok || outcome.detail).toContain('ENOENT');
  });

  it('passes the PDF to lp -d QUEUE - on stdin, in queue order', async () => {
    const dir = await temp();
    const lp = await fakeLp(dir, `echo "$@" >> ${dir}/args; cat >> ${dir}/stdin`);
    const printer = new DocumentPrinter({ target: { kind: 'cups', queue: 'hall-a4' }, lpCommand: lp });
    const outcomes = await Promise.all(['one', 'two'].map((jobId) => printer.print({ jobId, pdf: PDF })));
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
    expect(await readFile(join(dir, 'args'), 'utf8')).toBe('-d hall-a4 -t one -\n-d hall-a4 -t two -\n');
    expect(await readFile(join(dir, 'stdin'), 'utf8')).toBe(new TextDecoder().decode(PDF).repeat(2));
  });

  it("reports lp's exit code and stderr when CUPS refuses", async () => {
    const lp = await fakeLp(await temp(), 'cat > /dev/null; echo "lp: The printer or class does not exist." >&2; exit 1');
    const printer = new DocumentPrinter({ target: { kind: 'cups', queue: 'nosuch' }, lpCommand: lp });
    expect(await printer.print({ jobId: 'x', pdf: PDF })).toEqual({
      ok: false,
      reason: 'error',
      detail: `${lp} exited with 1: lp: The printer or class does not exist.`,
    });
  });

  it('refuses a queue name that could pass as an option', async () => {
    const printer = new DocumentPrinter({ target: { kind: 'cups', queue: '-h evil' }, lpCommand: '/bin/true' });
    expect(await printer.print({ jobId: 'x', pdf: PDF })).toMatchObject({ ok: false, reason: 'error' });
  });
});
