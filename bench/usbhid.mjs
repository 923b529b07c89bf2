#!/usr/bin/env node
// usbhid-ups, ours vs the reference 2.8.0, on the same simulated APC
// (test/sims/usbhid-sim.py, umockdev): CPU time per update and resident
// memory of the driver process alone (the simulator is not counted).
// Each driver runs with -i 1 -x pollfreq=1 (a full update every second) for
// --secs seconds; runs alternate ref/ours. By default with pollonly: while an
// interrupt-IN transfer waits, libusb polls umockdev's always-ready fd, which
// burns CPU in the simulation only (--interrupt measures that case anyway).
//
//   npm run build && node bench/usbhid.mjs [--secs 20] [--runs 2] [--interrupt]

import { readFileSync, readdirSync } from 'node:fs';
import { startUsbDaemon } from '../dist/test/sims/usbhid-run.js';
import { syntheticApc } from '../dist/test/sims/usbhid-model.js';

const argv = process.argv.slice(2);
const opt = (n, d) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? Number(argv[i + 1]) : d; };
const SECS = opt('secs', 20);
const RUNS = opt('runs', 2);
const TICK = 100; // USER_HZ

function driverPid(d) {
  for (const t of readdirSync(`/proc/${d.proc.child.pid}/task`)) {
    const k = readFileSync(`/proc/${d.proc.child.pid}/task/${t}/children`, 'utf8').trim();
    if (k) return Number(k.split(/\s+/)[0]);
  }
  throw new Error('no driver process');
}
const cpu = (pid, tid) => { const f = readFileSync(tid ? `/proc/${pid}/task/${tid}/stat` : `/proc/${pid}/stat`, 'utf8'); const r = f.slice(f.lastIndexOf(')') + 2).split(' '); return (Number(r[11]) + Number(r[12])) / TICK; };
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const updates = (d) => d.simLog().filter((l) => l === 'GET feature 06').length; // the status report: read once per update

async function one(side) {
  const d = await startUsbDaemon(side, syntheticApc(), ['-i', '1', '-x', 'pollfreq=1', ...(argv.includes('--interrupt') ? [] : ['-x', 'pollonly'])]);
  try {
    const pid = driverPid(d);
    await new Promise((r) => setTimeout(r, 3000)); // past start-up
    const c0 = cpu(pid); const m0 = cpu(pid, pid); const u0 = updates(d);
    await new Promise((r) => setTimeout(r, SECS * 1000));
    const n = updates(d) - u0;
    return { side, updates: n, cpuMsPerUpdate: ((cpu(pid) - c0) * 1000) / Math.max(n, 1),
      mainMsPerUpdate: ((cpu(pid, pid) - m0) * 1000) / Math.max(n, 1), rssMb: rssKb(pid) / 1024 };
  } finally {
    await d.stop();
  }
}

const res = { ref: [], ours: [] };
for (let i = 0; i < RUNS; i++) for (const side of ['ref', 'ours']) res[side].push(await one(side));
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const row = (side) => ({ updates: med(res[side].map((r) => r.updates)), cpu: med(res[side].map((r) => r.cpuMsPerUpdate)),
  main: med(res[side].map((r) => r.mainMsPerUpdate)), rss: med(res[side].map((r) => r.rssMb)) });
const r = row('ref'); const o = row('ours');
console.log(`usbhid-ups on a simulated APC, ${SECS} s x ${RUNS} runs, full update every second, ${argv.includes('--interrupt') ? 'interrupt pipe on' : 'pollonly'} (medians)`);
console.log('| | reference 2.8.0 | tsnut | ratio |');
console.log('| --- | --- | --- | --- |');
console.log(`| updates | ${r.updates} | ${o.updates} | |`);
console.log(`| CPU per update (ms) | ${r.cpu.toFixed(2)} | ${o.cpu.toFixed(2)} | ${(o.cpu / r.cpu).toFixed(1)}x |`);
console.log(`| CPU per update, main thread only (ms) | ${r.main.toFixed(2)} | ${o.main.toFixed(2)} | ${(o.main / r.main).toFixed(1)}x |`);
console.log('(ours: the rest is libusb\'s event thread, which polls umockdev\'s always-ready fd while a transfer is in flight: a simulation cost)');
console.log(`| RSS (MB) | ${r.rss.toFixed(1)} | ${o.rss.toFixed(1)} | ${(o.rss / r.rss).toFixed(1)}x |`);
