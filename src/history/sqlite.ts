// HistoryStore in an SQLite file (docs/upsweb.md "Database"), through
// node-sqlite3-wasm: SQLite compiled to WebAssembly with real file I/O, so
// nothing is compiled or downloaded at install time and the file survives
// restarts. Writes are small and few (one row per UPS per HISTORY_INTERVAL).

import { createRequire } from 'node:module';
import type { Database as Db } from 'node-sqlite3-wasm';
import { SERIES, RAW_KEEP_S, BUCKET_S, MAX_EVENTS, type HistoryStore, type Reading, type StoredEvent } from './types.js';

const require = createRequire(import.meta.url);
const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS readings (
  ups TEXT NOT NULL, tier INTEGER NOT NULL, ts INTEGER NOT NULL,
  charge REAL, runtime REAL, load REAL, input_voltage REAL,
  PRIMARY KEY (ups, tier, ts)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL,
  ups TEXT NOT NULL, type TEXT NOT NULL, message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_ts ON events (ts);
`;

const cols = SERIES.join(', ');
const avgCols = SERIES.map((s) => `AVG(${s}) AS ${s}`).join(', ');

function toReading(r: Record<string, unknown>): Reading {
  const out = { ts: Number(r.ts) } as Reading;
  for (const s of SERIES) out[s] = r[s] === null || r[s] === undefined ? null : Number(r[s]);
  return out;
}

export class SqliteHistory implements HistoryStore {
  private db: Db;

  constructor(file: string, private readonly retentionDays: number) {
    const { Database } = require('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
    this.db = new Database(file);
    this.db.exec(SCHEMA);
    const v = this.db.get('SELECT value FROM meta WHERE key = ?', ['schema']);
    if (!v) this.db.run('INSERT INTO meta (key, value) VALUES (?, ?)', ['schema', SCHEMA_VERSION]);
    else if (v.value !== SCHEMA_VERSION) throw new Error(`${file}: database schema ${String(v.value)}, this upsweb knows ${SCHEMA_VERSION}`);
  }

  record(ups: string, r: Reading): void {
    this.db.run(`INSERT OR REPLACE INTO readings (ups, tier, ts, ${cols}) VALUES (?, 0, ?, ${SERIES.map(() => '?').join(', ')})`,
      [ups, Math.floor(r.ts), ...SERIES.map((s) => r[s])]);
  }

  readings(ups: string, from: number, to: number): Reading[] {
    if (to - from <= RAW_KEEP_S) {
      return this.db.all(`SELECT ts, ${cols} FROM readings WHERE ups = ? AND tier = 0 AND ts BETWEEN ? AND ? ORDER BY ts`, [ups, from, to]).map(toReading);
    }
    // long ranges: stored 15-minute means, plus recent raw rows averaged the same way
    return this.db.all(
      `SELECT ts, ${cols} FROM readings WHERE ups = ? AND tier = 1 AND ts BETWEEN ? AND ?
       UNION ALL
       SELECT (ts / ${BUCKET_S}) * ${BUCKET_S} AS bts, ${avgCols} FROM readings WHERE ups = ? AND tier = 0 AND ts BETWEEN ? AND ? GROUP BY bts
       ORDER BY 1`, [ups, from, to, ups, from, to]).map(toReading);
  }

  addEvent(e: Omit<StoredEvent, 'id'>): number {
    const r = this.db.run('INSERT INTO events (ts, ups, type, message) VALUES (?, ?, ?, ?)', [e.ts, e.ups, e.type, e.message.slice(0, 1000)]);
    return Number(r.lastInsertRowid);
  }

  events(o: { ups?: string; limit?: number; before?: number }): StoredEvent[] {
    const limit = Math.min(Math.max(o.limit ?? 100, 1), 1000);
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (o.ups !== undefined) { where.push('ups = ?'); args.push(o.ups); }
    if (o.before !== undefined) { where.push('id < ?'); args.push(o.before); }
    const rows = this.db.all(`SELECT id, ts, ups, type, message FROM events ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ${limit}`, args);
    return rows.map((r) => ({ id: Number(r.id), ts: Number(r.ts), ups: String(r.ups), type: String(r.type), message: String(r.message) }));
  }

  compact(now: number): void {
    const rawCut = Math.floor((now - RAW_KEEP_S) / BUCKET_S) * BUCKET_S;
    const keepCut = now - this.retentionDays * 86400;
    this.db.exec('BEGIN');
    try {
      this.db.run(`INSERT OR REPLACE INTO readings (ups, tier, ts, ${cols})
        SELECT ups, 1, (ts / ${BUCKET_S}) * ${BUCKET_S} AS bts, ${avgCols} FROM readings WHERE tier = 0 AND ts < ? GROUP BY ups, bts`, [rawCut]);
      this.db.run('DELETE FROM readings WHERE tier = 0 AND ts < ?', [rawCut]);
      this.db.run('DELETE FROM readings WHERE ts < ?', [keepCut]);
      this.db.run('DELETE FROM events WHERE ts < ?', [keepCut * 1000]);
      this.db.run(`DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - ${MAX_EVENTS}`);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  close(): void { if (this.db.isOpen) this.db.close(); }
}
