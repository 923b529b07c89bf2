#!/usr/bin/env node
// tsnut vs the reference NUT 2.8.0, side by side on loopback: same configs,
// same drivers, same load generator (bench/load.c), runs interleaved.
//
//   npm run bench                      # everything (~5 min on 2 cores)
//   node bench/run.mjs --only 1,2 --runs 5 --secs 2 --no-write
//
// See docs/benchmarks.md for the method.

import { existsSync, mkdirSync, writeFileSync, readFileSync, chmodSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandbox, start, REF, ourBin } from '../dist/test/helpers/ref.js';
import { fakeDriver } from '../dist/test/helpers/fake-driver.js';
import { startPair, waitForData } from '../dist/test/helpers/upsd-pair.js';
import { buildLoad, load, machine, table, cell, fmt, summary, sleep } from './lib.mjs';
import { eventLatency, footprint, cliWallTime, singleProcessLatency } from './stacks.mjs';
import { holdIdle } from './idle.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(HERE);

const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
};
const RUNS = parseInt(opt('runs', '3'), 10);
const SECS = parseFloat(opt('secs', '1.5'));
const ONLY = new Set((opt('only', '1,2,3,4,5,6,7,8')).split(',').map(Number));
const BURST_CAP = 10;
const WRITE = !argv.includes('--no-write');
const log = (...a) => console.error(`[bench ${((Date.now() - T0) / 1000).toFixed(0)}s]`, ...a);
const T0 = Date.now();

const USERS = `[mon]\n  password = pw\n  upsmon secondary\n[prim]\n  password = pw\n  upsmon primary\n`;

/** rows: { w, metric, better: 'higher'|'lower'|'report', ref, ours, target?, ok? } */
const rows = [];
const notes = [];
const add = (w, metric, better, ref, ours, target, check) => {
  const r = { w, metric, better, ref: summary(ref), ours: summary(ours), target: target ?? '' };
  r.ratio = r.ours.med / r.ref.med;
  r.ok = check ? check(r) : undefined;
  rows.push(r);
  log(`${w} ${metric}: ref ${cell(r.ref)}  tsnut ${cell(r.ours)}  ratio ${fmt(r.ratio)}`);
  return r;
};

async function main() {
  const box = sandbox('tsnut-bench-');
  const bin = buildLoad(join(HERE, 'load.c'), box.dir);
  const procs = [];
  let pair;
  let ev;
  try {
    // one reference dummy-ups (~200 variables) and one scripted driver for the
    // event test, shared by both servers
    // the event test needs one UPS per run: a primary upsmon sets FSD, which upsd latches
    const evRuns = Math.max(RUNS, 5) + Math.max(RUNS, 4);
    const evNames = Array.from({ length: evRuns }, (_, i) => `ev${i + 1}`);
    box.write('ups.conf', `[ups200]\n  driver = dummy-ups\n  port = ${join(HERE, 'ups200.dev')}\n  desc = "bench"\n`
      + evNames.map((n) => `[${n}]\n  driver = fake\n  port = none\n`).join(''));
    ev = [];
    for (const n of evNames) ev.push(await fakeDriver(join(box.state, `fake-${n}`), 'SETINFO ups.status "OL"\nSETINFO battery.charge "100"\nDATAOK\nDUMPDONE\n'));
    const drv = start(REF.dummyUps, ['-a', 'ups200', '-F', '-u', 'root'], { env: box.env });
    procs.push(drv);
    const conf = readFileSync(join(box.conf, 'ups.conf'), 'utf8');
    pair = await startPair({ upsConf: conf, users: USERS }, box);
    await Promise.all([waitForData(pair.refPort, 'ups200'), waitForData(pair.ourPort, 'ups200'), ...evNames.flatMap((n) => [waitForData(pair.refPort, n), waitForData(pair.ourPort, n)])]);
    const S = {
      ref: { port: pair.refPort, pid: pair.ref.child.pid },
      ours: { port: pair.ourPort, pid: pair.ours.child.pid },
    };
    log(`reference upsd pid ${S.ref.pid} port ${S.ref.port}; tsnut upsd pid ${S.ours.pid} port ${S.ours.port}`);
    const order = (i) => (i % 2 === 0 ? ['ref', 'ours'] : ['ours', 'ref']);
    const GET = 'GET VAR ups200 ups.status\\n';

    // warm-up (JIT) for both, not measured
    for (const k of ['ref', 'ours']) {
      await load(bin, 'rr', ['-p', S[k].port, '-c', '10', '-d', '1', '-r', GET, '-e', '\\n']);
      await load(bin, 'rr', ['-p', S[k].port, '-c', '1', '-d', '0.5', '-r', 'LIST VAR ups200\\n', '-e', 'END LIST VAR ups200\\n']);
    }

    if (ONLY.has(1)) {
      for (const c of [1, 10, 100, 1000]) {
        const m = { ref: [], ours: [] };
        for (let i = 0; i < RUNS; i++) {
          for (const k of order(i)) {
            const c0 = cpuOf(S[k].pid);
            const r = await load(bin, 'rr', ['-p', S[k].port, '-c', c, '-d', SECS, '-r', GET, '-e', '\\n', '-t', '30']);
            const cpu = cpuOf(S[k].pid) - c0;
            if (r.errors || r.connfail) notes.push(`W1 ${k} c=${c}: ${r.errors} errors, ${r.connfail} failed connections`);
            m[k].push({ ...r, cpu: cpu / r.secs * 100, cpuPerReq: cpu / Math.max(1, r.done) * 1e6, clientCpu: r.client_cpu_s / r.secs * 100 });
          }
        }
        const pick = (k, f) => m[k].map((x) => x[f]);
        const tgt = c >= 100 ? '≥ 1.0' : '';
        add('1 GET VAR', `req/s, ${c} conn`, 'higher', pick('ref', 'rate'), pick('ours', 'rate'), tgt, c >= 100 ? (r) => r.ratio >= 1.0 : undefined);
        add('1 GET VAR', `p50 ms, ${c} conn`, 'lower', pick('ref', 'p50_ms'), pick('ours', 'p50_ms'));
        add('1 GET VAR', `p99 ms, ${c} conn`, 'lower', pick('ref', 'p99_ms'), pick('ours', 'p99_ms'));
        add('1 GET VAR', `server CPU %, ${c} conn`, 'report', pick('ref', 'cpu'), pick('ours', 'cpu'));
        add('1 GET VAR', `server CPU µs/req, ${c} conn`, 'lower', pick('ref', 'cpuPerReq'), pick('ours', 'cpuPerReq'));
        add('1 GET VAR', `load generator CPU %, ${c} conn`, 'report', pick('ref', 'clientCpu'), pick('ours', 'clientCpu'));
      }
    }

    if (ONLY.has(2)) {
      for (const c of [1, 10]) {
        const m = { ref: [], ours: [] };
        for (let i = 0; i < RUNS; i++) {
          for (const k of order(i)) {
            const r = await load(bin, 'rr', ['-p', S[k].port, '-c', c, '-d', SECS, '-r', 'LIST VAR ups200\\n', '-e', 'END LIST VAR ups200\\n']);
            m[k].push(r);
          }
        }
        const pick = (k, f) => m[k].map((x) => x[f]);
        add('2 LIST VAR (208 vars)', `lists/s, ${c} conn`, 'higher', pick('ref', 'rate'), pick('ours', 'rate'), c === 1 ? '≥ 50' : '', c === 1 ? (r) => r.ratio >= 50 : undefined);
        add('2 LIST VAR (208 vars)', `p50 ms, ${c} conn`, 'lower', pick('ref', 'p50_ms'), pick('ours', 'p50_ms'));
        add('2 LIST VAR (208 vars)', `p99 ms, ${c} conn`, 'lower', pick('ref', 'p99_ms'), pick('ours', 'p99_ms'));
      }
    }

    if (ONLY.has(3)) {
      const m = { ref: [], ours: [] };
      for (let i = 0; i < RUNS; i++) {
        for (const k of order(i)) {
          m[k].push(await load(bin, 'churn', ['-p', S[k].port, '-c', '8', '-d', SECS, '-r', GET, '-e', '\\n']));
          await sleep(300);
        }
      }
      const pick = (k, f) => m[k].map((x) => x[f]);
      add('3 churn (8 parallel)', 'connections/s', 'higher', pick('ref', 'rate'), pick('ours', 'rate'), '≥ 1.0', (r) => r.ratio >= 1.0);
      add('3 churn (8 parallel)', 'connect→reply p50 ms', 'lower', pick('ref', 'p50_ms'), pick('ours', 'p50_ms'));
    }

    if (ONLY.has(4)) {
      for (const n of [300, 1000]) {
        const m = { ref: [], ours: [] };
        // the reference leaves clients waiting for SYN retransmits (1, 3, 7, 15 s...):
        // cap each burst at BURST_CAP s, unanswered clients count at the cap
        for (let i = 0; i < Math.min(RUNS, 2); i++) {
          for (const k of order(i)) {
            const r = await load(bin, 'burst', ['-p', S[k].port, '-c', n, '-r', GET, '-e', '\\n', '-t', BURST_CAP]);
            if (r.unanswered || r.connfail) notes.push(`W4 ${k} ${n} clients, run ${i + 1}: ${r.unanswered} unanswered after ${BURST_CAP} s (counted as ${BURST_CAP * 1000} ms), ${r.connfail} failed`);
            m[k].push(r);
            await sleep(500);
          }
        }
        const pick = (k, f) => m[k].map((x) => x[f]);
        add('4 connect burst', `${n} clients: first reply p50 ms`, 'lower', pick('ref', 'p50_ms'), pick('ours', 'p50_ms'));
        add('4 connect burst', `${n} clients: p90 ms`, 'lower', pick('ref', 'p90_ms'), pick('ours', 'p90_ms'), n === 1000 ? 'tsnut ≤ 100 ms' : '', n === 1000 ? (r) => r.ours.med <= 100 : undefined);
        add('4 connect burst', `${n} clients: max ms`, 'lower', pick('ref', 'max_ms'), pick('ours', 'max_ms'));
      }
    }

    if (ONLY.has(5)) {
      for (const n of [1000, 10000]) {
        const m = { ref: [], ours: [] };
        for (const k of ['ref', 'ours']) m[k].push(await holdIdle(bin, S[k], n, GET, log));
        add('5 idle connections', `${n} held: kB RSS per connection`, 'lower', m.ref.map((x) => x.perConn), m.ours.map((x) => x.perConn),
          n === 10000 ? 'tsnut: all held, ≤ 2 kB' : '', n === 10000 ? (r) => r.ours.med <= 2 && m.ours[0].held === n : undefined);
        add('5 idle connections', `${n} held: connections accepted`, 'higher', m.ref.map((x) => x.held), m.ours.map((x) => x.held));
        add('5 idle connections', `${n} held: open time s`, 'lower', m.ref.map((x) => x.openSecs), m.ours.map((x) => x.openSecs));
      }
    }

    if (ONLY.has(8)) {
      const r = await cliWallTime(REPO, S.ref.port, RUNS * 4, log);
      add('8 upsc ups@host ups.status', 'wall ms', 'lower', r.ref, r.ours);
      for (const [name, v] of Object.entries(r.parts)) add('8 upsc ups@host ups.status', `  of which: ${name}`, 'report', [NaN], v);
      notes.push(...r.notes);
    }

    if (ONLY.has(6)) {
      const haveOurs = existsSync(ourBin('upsmon')) && existsSync(join(REPO, 'dist/src/cli/upsmon.js'));
      if (!haveOurs) notes.push('W6: bin/upsmon is not in this tree yet: only the reference upsmon was measured.');
      const evs = [...ev];
      for (const [pf, runs] of [[1, Math.max(RUNS, 5)], [5, Math.max(RUNS, 4)]]) {
        const r = await eventLatency({ box, evs: evs.splice(0, runs), ports: { ref: S.ref.port, ours: S.ours.port }, pollfreq: pf, runs, haveOurs, log });
        add('6 OB LB → upsmon SHUTDOWN', `POLLFREQ=POLLFREQALERT=${pf}: s (poll-bound)`, 'lower', r.ref, r.ours, '≤ 1.0', (x) => x.ratio <= 1.0);
        add('6 OB LB → upsmon SHUTDOWN', `POLLFREQ=POLLFREQALERT=${pf}: ms from the OB reply to SHUTDOWN`, 'lower', r.refProc.map((x) => x * 1000), r.oursProc.map((x) => x * 1000));
        notes.push(...r.notes);
        // the single-process mode against the same reference figures: ms, target ≤ 50 ms
        const sp = await singleProcessLatency({ pollfreq: pf, runs, log });
        add('6 OB LB → upsmon SHUTDOWN', `POLLFREQ=POLLFREQALERT=${pf}: single-process tsnut, ms`, 'lower', r.ref.map((x) => x * 1000), sp.out.map((x) => x * 1000), 'tsnut ≤ 50 ms', (x) => x.ours.med <= 50);
        notes.push(...sp.notes);
      }
    }
  } catch (e) {
    for (const [k, p] of [['reference upsd', pair?.ref], ['tsnut upsd', pair?.ours]]) {
      if (p && (p.child.exitCode !== null || p.child.signalCode !== null)) console.error(`${k} exited: code ${p.child.exitCode} signal ${p.child.signalCode}\n${p.stderr().slice(-3000)}`);
    }
    throw e;
  } finally {
    await pair?.stop();
    for (const p of procs) await p.kill();
    for (const d of ev ?? []) await d.close();
  }

  if (ONLY.has(7)) {
    const r = await footprint(REPO, HERE, log);
    for (const x of r.rows) add('7 footprint, 4 UPSes, idle', x.metric, 'report', [x.ref], [x.ours]);
    notes.push(...r.notes);
  }
  box.cleanup();
  report();
}

function cpuOf(pid) {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return (parseInt(f[11], 10) + parseInt(f[12], 10)) / 100;
}

function report() {
  const mach = machine();
  const head = ['workload', 'metric', 'reference NUT 2.8.0', 'tsnut', 'tsnut/ref', 'better', 'target', 'met'];
  const body = rows.map((r) => [r.w, r.metric, cell(r.ref), cell(r.ours), Number.isFinite(r.ratio) ? fmt(r.ratio) : '', r.better, r.target, r.ok === undefined ? '' : r.ok ? 'yes' : 'NO']);
  const machineLine = `${mach.date} — nproc ${mach.nproc}, ${mach.cpu}, node ${mach.node}, Linux ${mach.kernel}, ${mach.mem}, load average at the end ${mach.loadavg}; ${RUNS} runs of ${SECS} s, median [min–max]`;
  const md = [
    `Machine: ${machineLine}`,
    '',
    table(head, body),
    '',
    ...(notes.length ? ['Notes:', ...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  console.log(md);
  if (!WRITE) return;
  const dir = join(HERE, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = mach.date.replace(/[:]/g, '').replace(/\..*/, '');
  writeFileSync(join(dir, `${stamp}.md`), `# tsnut bench ${mach.date}\n\n${md}`);
  writeFileSync(join(dir, `${stamp}.json`), JSON.stringify({ machine: mach, runs: RUNS, secs: SECS, rows, notes }, null, 1));
  updateReadme(md);
  log(`results written to bench/results/${stamp}.md and README.md`);
}

/** Replace the Benchmarks section of README.md (between markers), or append it. */
function updateReadme(md) {
  const p = join(REPO, 'README.md');
  const text = readFileSync(p, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const block = `${begin}\n${md}\n${end}`;
  let out;
  if (text.includes(begin) && text.includes(end)) {
    out = text.slice(0, text.indexOf(begin)) + block + text.slice(text.indexOf(end) + end.length);
  } else {
    out = `${text.trimEnd()}\n\n## Benchmarks\n\ntsnut against the reference NUT 2.8.0 on the same machine, in the same run (\`npm run bench\`; method: docs/benchmarks.md).\n\n${block}\n`;
  }
  writeFileSync(p, out);
}

main().catch((e) => { console.error(e); process.exit(1); });
