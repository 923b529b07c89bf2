// GET (net-protocol.md §6.10): TRACKING, NUMLOGINS, UPSDESC, VAR, TYPE, DESC, CMDDESC.

import { nutEscape } from '../../core/escape.js';
import { err, line } from '../../protocol/replies.js';
import { FLAG_RW, FLAG_STRING } from '../../state/store.js';
import type { Handler, ServerContext } from './context.js';
import type { UpsEntry } from '../ups.js';
import { serverInfo } from './basic.js';

/** ups_available(): the driver link check shared by GET/LIST/SET/INSTCMD. */
export function unavailable(u: UpsEntry): string | undefined {
  if (!u.connected) return err('DRIVER-NOT-CONNECTED');
  if (u.stale) return err('DATA-STALE');
  return undefined;
}

/** The value upsd serves for a variable: ups.status carries the FSD latch. */
export function servedValue(u: UpsEntry, name: string, escaped: string): string {
  return u.fsd && name.toLowerCase() === 'ups.status' ? `FSD ${escaped}` : escaped;
}

function description(map: Map<string, string>, name: string): string {
  return map.get(name.toLowerCase()) ?? 'Description unavailable';
}

function withUps(ctx: ServerContext, name: string, check: boolean, fn: (u: UpsEntry) => string): string {
  const u = ctx.findUps(name);
  if (!u) return err('UNKNOWN-UPS');
  if (check) {
    const e = unavailable(u);
    if (e) return e;
  }
  return fn(u);
}

export const netGet: Handler = (ctx, s, args) => {
  if (args.length === 0) return err('INVALID-ARGUMENT');
  const sub = args[0]!.toUpperCase();
  if (sub === 'TRACKING') {
    if (args.length === 1) return line(s.tracking ? 'ON' : 'OFF');
    if (!s.tracking) return err('FEATURE-NOT-CONFIGURED');
    return line(ctx.tracking.resultText(args[1]!));
  }
  if (args.length < 2) return err('INVALID-ARGUMENT');
  const upsName = args[1]!;
  if (sub === 'NUMLOGINS') return withUps(ctx, upsName, true, (u) => line(`NUMLOGINS ${upsName} ${u.numLogins}`));
  if (sub === 'UPSDESC') {
    return withUps(ctx, upsName, false, (u) => line(`UPSDESC ${upsName} "${u.desc !== undefined ? nutEscape(u.desc) : 'Unavailable'}"`));
  }
  if (args.length < 3) return err('INVALID-ARGUMENT');
  const name = args[2]!;
  switch (sub) {
    case 'VAR': {
      if (name.toLowerCase().startsWith('server.')) {
        const low = name.toLowerCase();
        if (low === 'server.info') return line(`VAR ${upsName} server.info "${serverInfo(ctx.version)}"`);
        if (low === 'server.version') return line(`VAR ${upsName} server.version "${ctx.version}"`);
        return err('VAR-NOT-SUPPORTED');
      }
      return withUps(ctx, upsName, true, (u) => {
        const v = u.store.get(name);
        if (!v) return err('VAR-NOT-SUPPORTED');
        return line(`VAR ${upsName} ${name} "${servedValue(u, name, v.value)}"`);
      });
    }
    case 'TYPE':
      return withUps(ctx, upsName, true, (u) => {
        const v = u.store.get(name);
        if (!v) return err('VAR-NOT-SUPPORTED');
        let t = `TYPE ${upsName} ${name}`;
        if (v.flags & FLAG_RW) t += ' RW';
        if (v.enums.length) t += ' ENUM';
        if (v.ranges.length) t += ' RANGE';
        t += v.flags & FLAG_STRING ? ` STRING:${v.aux}` : ' NUMBER';
        return line(t);
      });
    case 'DESC':
      return withUps(ctx, upsName, true, () => line(`DESC ${upsName} ${name} "${description(ctx.descriptions().vars, name)}"`));
    case 'CMDDESC':
      return withUps(ctx, upsName, true, () => line(`CMDDESC ${upsName} ${name} "${description(ctx.descriptions().cmds, name)}"`));
    default:
      return err('INVALID-ARGUMENT');
  }
};
