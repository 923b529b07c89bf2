// The SQLite history: readings down-sampled for long ranges, compaction and
// retention, events newest first and capped, and the file surviving a reopen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteHistory } from '../../../src/history/sqlite.js';

function tmp(): { file: string; done: () => void } {
  const d = mkdtempSync(join(tmpdir(), 'tsnut-hist-'));
  return { file: join(d, 'h.db'), done: () => rmSync(d, { recursive: true, force: true }) };
}
const r = (ts: number, charge: number) => ({ ts, charge, runtime: null, load: 10, input_voltage: 230 });

test('24 h: raw rows; 7 d: 15-minute means; survives a reopen', () => {
  const t = tmp();
  try {
    const h = new SqliteHistory(t.file, 30);
    const now = 1_000_000_020 - (1_000_000_020 % 900);
    for (let i = 0; i < 30; i++) h.record('u', r(now - 1800 + i * 60, i));
    h.record('other', r(now, 99));
    const raw = h.readings('u', now - 86400, now);
    assert.equal(raw.length, 30);
    assert.deepEqual(raw[0], { ts: now - 1800, charge: 0, runtime: null, load: 10, input_voltage: 230 });
    h.close();
    const again = new SqliteHistory(t.file, 30);
    const week = again.readings('u', now - 7 * 86400, now);
    // minutes 0..14 → bucket now-1800, 15..29 → bucket now-900
    assert.deepEqual(week.map((x) => [x.ts, x.charge]), [[now - 1800, 7], [now - 900, 22]]);
    again.close();
  } finally { t.done(); }
});

test('compaction rolls raw rows older than two days into 15-minute means and drops what is past retention', () => {
  const t = tmp();
  try {
    const h = new SqliteHistory(t.file, 10);
    const now = 2_000_000_000 - (2_000_000_000 % 900);
    const old = now - 5 * 86400;
    for (let i = 0; i < 15; i++) h.record('u', r(old + i * 60, 10 + i));
    h.record('u', r(now - 20 * 86400, 1)); // past retention
    h.record('u', r(now - 60, 50));
    h.addEvent({ ts: (now - 20 * 86400) * 1000, ups: 'u', type: 'status', message: 'ancient' });
    h.addEvent({ ts: now * 1000, ups: 'u', type: 'status', message: 'recent' });
    h.compact(now);
    assert.deepEqual(h.readings('u', old - 10, old + 86400).map((x) => [x.ts, x.charge]), [], 'raw rows of that day are gone');
    assert.deepEqual(h.readings('u', now - 9 * 86400, now).map((x) => [x.ts, x.charge]), [[old, 17], [now - 900, 50]]);
    assert.deepEqual(h.events({}).map((e) => e.message), ['recent']);
    h.close();
  } finally { t.done(); }
});

test('events: newest first, by UPS, limited, long messages cut', () => {
  const t = tmp();
  try {
    const h = new SqliteHistory(t.file, 30);
    for (let i = 0; i < 5; i++) h.addEvent({ ts: i, ups: i % 2 ? 'a' : 'b', type: 'status', message: `m${i}${i === 4 ? 'x'.repeat(5000) : ''}` });
    assert.deepEqual(h.events({ ups: 'a' }).map((e) => e.message), ['m3', 'm1']);
    assert.deepEqual(h.events({ limit: 2 }).map((e) => e.message.slice(0, 2)), ['m4', 'm3']);
    assert.equal(h.events({ limit: 1 })[0]!.message.length, 1000);
    h.close();
  } finally { t.done(); }
});
