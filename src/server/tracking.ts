// TRACKING table (net-protocol.md §8): ids handed out for SET/INSTCMD,
// status filled in by the driver's "TRACKING <id> <n>" line.

import { randomUUID } from 'node:crypto';

interface Entry { id: string; status: number | undefined; created: number }

export class TrackingTable {
  private entries = new Map<string, Entry>();
  /** hard bound so a client looping on tracked commands cannot grow memory without limit */
  static readonly MAX_ENTRIES = 100000;

  /** A new id: UUID v4 text in upper case, like the reference (but from a real RNG). */
  newId(): string {
    return randomUUID().toUpperCase();
  }

  add(id: string, now: number): void {
    if (this.entries.size >= TrackingTable.MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id.toUpperCase(), { id, status: undefined, created: now });
  }

  /** Driver answered. Unknown ids are ignored. Returns the result text upsd logs. */
  set(id: string, status: number): string | undefined {
    const e = this.entries.get(id.toUpperCase());
    if (!e) return undefined;
    e.status = status;
    return this.resultText(id);
  }

  /** The bare reply line body for GET TRACKING <id>. */
  resultText(id: string): string {
    const e = this.entries.get(id.toUpperCase());
    if (!e) return 'ERR UNKNOWN';
    switch (e.status) {
      case undefined: return 'PENDING';
      case 0: return 'SUCCESS';
      case 1: return 'ERR UNKNOWN';
      case 2: case 4: return 'ERR INVALID-ARGUMENT';
      case 3: return 'ERR FAILED';
      default: return 'ERR UNKNOWN';
    }
  }

  /** Drop entries older than `delaySec` seconds. */
  cleanup(now: number, delaySec: number): void {
    for (const [k, e] of this.entries) {
      if (now - e.created > delaySec * 1000) this.entries.delete(k);
      else break; // insertion order = age order
    }
  }

  get size(): number { return this.entries.size; }
}
