// Driver socket protocol codec (sock-protocol.md). Pure: word lists in,
// typed messages out; messages in, lines out. Both ends use it: upsd and
// the clone drivers read driver messages; the driver runtime writes them.

import { nutEscape } from '../core/escape.js';
import { atoi, strtol } from '../core/cstd.js';
import { flagWords, type UpsStore } from '../state/store.js';

/** Messages a driver sends (sock-protocol.md §4). */
export type DriverMessage =
  | { type: 'PONG' }
  | { type: 'DUMPDONE' }
  | { type: 'DATASTALE' }
  | { type: 'DATAOK' }
  | { type: 'ADDCMD'; cmd: string }
  | { type: 'DELCMD'; cmd: string }
  | { type: 'DELINFO'; name: string }
  | { type: 'SETFLAGS'; name: string; flags: string[] }
  | { type: 'SETINFO'; name: string; value: string }
  | { type: 'ADDENUM'; name: string; value: string }
  | { type: 'DELENUM'; name: string; value: string }
  | { type: 'SETAUX'; name: string; aux: number }
  | { type: 'TRACKING'; id: string; status: number }
  | { type: 'ADDRANGE'; name: string; min: number; max: number }
  | { type: 'DELRANGE'; name: string; min: number; max: number }
  | { type: 'PID'; pid: number }
  | { type: 'OK'; words: string[] };

// upsd converts SETAUX with strtol() (state_setaux, a long), the other numbers with atoi()
export { atoi, strtol };

/** Decode one driver line; undefined when upsd would ignore it (unknown / too few words). */
export function parseDriverMessage(args: readonly string[]): DriverMessage | undefined {
  if (args.length < 1) return undefined;
  const kw = args[0]!.toUpperCase();
  const n = args.length;
  switch (kw) {
    case 'PONG': return { type: 'PONG' };
    case 'DUMPDONE': return { type: 'DUMPDONE' };
    case 'DATASTALE': return { type: 'DATASTALE' };
    case 'DATAOK': return { type: 'DATAOK' };
    case 'ADDCMD': return n >= 2 ? { type: 'ADDCMD', cmd: args[1]! } : undefined;
    case 'DELCMD': return n >= 2 ? { type: 'DELCMD', cmd: args[1]! } : undefined;
    case 'DELINFO': return n >= 2 ? { type: 'DELINFO', name: args[1]! } : undefined;
    case 'SETFLAGS': return n >= 3 ? { type: 'SETFLAGS', name: args[1]!, flags: args.slice(2) } : undefined;
    case 'SETINFO': return n >= 3 ? { type: 'SETINFO', name: args[1]!, value: args[2]! } : undefined;
    case 'ADDENUM': return n >= 3 ? { type: 'ADDENUM', name: args[1]!, value: args[2]! } : undefined;
    case 'DELENUM': return n >= 3 ? { type: 'DELENUM', name: args[1]!, value: args[2]! } : undefined;
    case 'SETAUX': return n >= 3 ? { type: 'SETAUX', name: args[1]!, aux: strtol(args[2]!) } : undefined;
    case 'TRACKING': return n >= 3 ? { type: 'TRACKING', id: args[1]!, status: atoi(args[2]!) } : undefined;
    case 'ADDRANGE': return n >= 4 ? { type: 'ADDRANGE', name: args[1]!, min: atoi(args[2]!), max: atoi(args[3]!) } : undefined;
    case 'DELRANGE': return n >= 4 ? { type: 'DELRANGE', name: args[1]!, min: atoi(args[2]!), max: atoi(args[3]!) } : undefined;
    case 'PID': return n >= 2 ? { type: 'PID', pid: atoi(args[1]!) } : undefined;
    case 'OK': return { type: 'OK', words: args.slice(1) };
    default: return undefined;
  }
}

/** Format a driver message as a socket line (with "\n"). Values are always escaped (tsnut choice, see sock-protocol.md §2). */
export function formatDriverMessage(m: DriverMessage): string {
  switch (m.type) {
    case 'PONG': case 'DUMPDONE': case 'DATASTALE': case 'DATAOK': return m.type + '\n';
    case 'ADDCMD': case 'DELCMD': return `${m.type} ${m.cmd}\n`;
    case 'DELINFO': return `DELINFO ${m.name}\n`;
    case 'SETFLAGS': return `SETFLAGS ${m.name}${m.flags.map((f) => ' ' + f).join('')}\n`;
    case 'SETINFO': case 'ADDENUM': case 'DELENUM': return `${m.type} ${m.name} "${nutEscape(m.value)}"\n`;
    case 'SETAUX': return `SETAUX ${m.name} ${m.aux}\n`;
    case 'TRACKING': return `TRACKING ${m.id} ${m.status}\n`;
    case 'ADDRANGE': case 'DELRANGE': return `${m.type} ${m.name} ${m.min} ${m.max}\n`;
    case 'PID': return `PID ${m.pid}\n`;
    case 'OK': return ['OK', ...m.words].join(' ') + '\n';
  }
}

/** The DUMPALL answer of a driver holding `store` (sock-protocol.md §5). */
export function formatDumpAll(store: UpsStore, stale: boolean): string {
  let out = stale ? 'DATASTALE\n' : '';
  for (const v of store.list()) {
    out += `SETINFO ${v.name} "${v.value}"\n`;
    for (const e of v.enums) out += `ADDENUM ${v.name} "${e}"\n`;
    for (const r of v.ranges) out += `ADDRANGE ${v.name} ${r.min} ${r.max}\n`;
    if (v.aux !== 0) out += `SETAUX ${v.name} ${v.aux}\n`;
    // NUT sends SETFLAGS whenever flags != 0, so a variable whose only flag
    // is IMMUTABLE (override.*) yields a bare "SETFLAGS <var>" line.
    if (v.flags !== 0) out += `SETFLAGS ${v.name}${flagWords(v.flags).map((w) => ' ' + w).join('')}\n`;
  }
  for (const c of store.listCmds()) out += `ADDCMD ${c}\n`;
  if (!stale) out += 'DATAOK\n';
  out += 'DUMPDONE\n';
  return out;
}
