// Runs a contact-closure driver against the umockdev modem-line simulator
// (modem-lines-umockdev.py): the input lines come from a file, the output
// line changes the driver makes are logged.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, run, start, type Proc } from '../helpers/ref.js';
import { driverPath, type Side } from './driver-run.js';

export const SIM = join(REPO, 'test', 'sims', 'modem-lines-umockdev.py');
export const PYTHON = '/usr/bin/python3';

/** umockdev + python gi present? (a reason to skip otherwise) */
export function modemSimMissing(): string | false {
  if (!existsSync(PYTHON) || !existsSync('/usr/lib/x86_64-linux-gnu/libumockdev-preload.so.0') && !existsSync('/usr/lib/libumockdev-preload.so.0')) {
    return 'umockdev (umockdev, gir1.2-umockdev-1.0, python3-gi) missing';
  }
  return false;
}

export interface LinesResult { code: number | null; vars: string[]; log: string[]; stderr: string; stdout: string }

export async function linesRun(side: Side, driver: string, inputs: string, args: string[], mode: string[] = ['-d', '1']): Promise<LinesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-lines-'));
  try {
    const lines = join(dir, 'lines');
    writeFileSync(lines, inputs);
    const r = await run(PYTHON, [SIM, 'ttyS0', lines, '--', driverPath(side, driver), '-s', 'sim', '-x', 'port=/dev/ttyS0', ...args, '-u', 'root', ...mode], {
      env: { ...process.env, NUT_STATEPATH: dir, NUT_CONFPATH: dir, NUT_ALTPIDPATH: dir },
      timeoutMs: 60000,
    });
    const vars = r.stdout.split('\n').filter((l) => /^[a-z0-9_.]+: /i.test(l) && !l.startsWith('driver.version'));
    const log = existsSync(`${lines}.log`) ? readFileSync(`${lines}.log`, 'utf8').split('\n').filter(Boolean) : [];
    return { code: r.code, vars, log, stderr: r.stderr, stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface LinesDaemon { proc: Proc; dir: string; lines: string; socket: string; setInputs(s: string): void; log(): string[]; stop(): Promise<void> }

export function linesDaemon(side: Side, driver: string, inputs: string, args: string[]): LinesDaemon {
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-lines-'));
  const lines = join(dir, 'lines');
  writeFileSync(lines, inputs);
  const proc = start(PYTHON, [SIM, 'ttyS0', lines, '--', driverPath(side, driver), '-s', 'sim', '-x', 'port=/dev/ttyS0', ...args, '-u', 'root', '-F'], {
    env: { ...process.env, NUT_STATEPATH: dir, NUT_CONFPATH: dir, NUT_ALTPIDPATH: dir },
  });
  return {
    proc, dir, lines, socket: join(dir, `${driver}-sim`),
    setInputs(s) { writeFileSync(lines, s); },
    log() { return existsSync(`${lines}.log`) ? readFileSync(`${lines}.log`, 'utf8').split('\n').filter(Boolean) : []; },
    async stop() { await proc.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); },
  };
}
