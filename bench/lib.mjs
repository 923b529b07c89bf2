// Bench helpers: process CPU/memory from /proc, statistics, the C load
// generator, table formatting.

import { readFileSync, readdirSync } from 'node:fs';
import { spawn, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import os from 'node:os';

const TICK = 100; // USER_HZ on Linux

/** utime+stime of a process, in seconds. */
export function cpuSeconds(pid) {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return (parseInt(f[11], 10) + parseInt(f[12], 10)) / TICK;
}

/** RSS and PSS in kB (smaps_rollup). */
export function memory(pid) {
  const r = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const get = (k) => parseInt((new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(r) ?? [])[1] ?? '0', 10);
  return { rss: get('Rss'), pss: get('Pss') };
}

export function rssKb(pid) {
  const m = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? parseInt(m[1], 10) : 0;
}

/** pid and all its descendants (the reference upsmon forks a privileged parent). */
export function processTree(pid) {
  const kids = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = parseInt(s.slice(s.lastIndexOf(')') + 2).split(' ')[1], 10);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(parseInt(d, 10));
    } catch { /* gone */ }
  }
  const out = [];
  const walk = (p) => { out.push(p); for (const k of kids.get(p) ?? []) walk(k); };
  walk(pid);
  return out;
}

export function comm(pid) {
  try { return readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return '?'; }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function median(a) {
  if (a.length === 0) return NaN;
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summary(a) {
  const v = a.filter((x) => Number.isFinite(x));
  return { med: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length };
}

/** Compile the load generator; returns its path. */
export function buildLoad(src, outDir) {
  const out = join(outDir, 'load');
  execFileSync('gcc', ['-O2', '-Wall', '-o', out, src], { stdio: 'inherit' });
  return out;
}

/** Run the load generator to completion; resolves with its JSON line. */
export function load(bin, mode, args) {
  return new Promise((res, rej) => {
    const c = spawn(bin, [mode, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.on('close', (code) => {
      if (code !== 0) return rej(new Error(`load ${mode} ${args.join(' ')}: exit ${code}: ${err}`));
      try { res(JSON.parse(out.trim().split('\n').pop())); } catch (e) { rej(new Error(`load output: ${out} ${err}`)); }
    });
  });
}

/** Start a `hold` load generator; resolves when every connection got its reply. */
export function hold(bin, args) {
  return new Promise((res, rej) => {
    const c = spawn(bin, ['hold', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        res({ result: JSON.parse(out.split('\n')[0]), release: () => new Promise((r) => { c.on('close', r); c.stdin.end(); }) });
      }
    });
    c.stderr.on('data', (d) => process.stderr.write(d));
    c.on('close', (code) => { if (!out.includes('\n')) rej(new Error(`hold exited ${code}`)); });
  });
}

export function machine() {
  const cpus = os.cpus();
  let nproc = String(cpus.length);
  try { nproc = execFileSync('nproc', { encoding: 'utf8' }).trim(); } catch { /* os.cpus */ }
  return {
    date: new Date().toISOString(),
    nproc,
    cpu: cpus[0]?.model ?? '?',
    node: process.version,
    kernel: os.release(),
    loadavg: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    mem: `${Math.round(os.totalmem() / 1048576)} MiB`,
  };
}

export function fmt(x, digits) {
  if (x === undefined || Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return String(x);
  if (digits !== undefined) return x.toFixed(digits);
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toString();
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

/** "med [min–max]" */
export function cell(s) {
  if (!s || !Number.isFinite(s.med)) return 'n/a';
  return s.n > 1 ? `${fmt(s.med)} [${fmt(s.min)}–${fmt(s.max)}]` : fmt(s.med);
}

/** Markdown table. */
export function table(header, rows) {
  const all = [header, ...rows];
  const w = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(w[i])).join(' | ')} |`;
  return [line(header), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
