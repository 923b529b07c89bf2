// SET VAR and SET TRACKING (net-protocol.md §6.12).

import { nutEscape } from '../../core/escape.js';
import { mayAct } from './auth.js';
import { atoi } from '../../core/cstd.js';
import { err, line } from '../../protocol/replies.js';
import { FLAG_RW, FLAG_STRING } from '../../state/store.js';
import type { Handler } from './context.js';
import { unavailable } from './get.js';

export const netSet: Handler = (ctx, s, args) => {
  if (args.length < 2) return err('INVALID-ARGUMENT');
  const sub = args[0]!.toUpperCase();
  if (sub === 'TRACKING') {
    const v = args[1]!.toUpperCase();
    if (v === 'ON') s.tracking = true;
    else if (v === 'OFF') s.tracking = false;
    else return err('INVALID-ARGUMENT');
    return line('OK');
  }
  if (sub !== 'VAR') return err('INVALID-ARGUMENT');
  if (args.length < 4) return err('INVALID-ARGUMENT');
  const [upsName, name, value] = [args[1]!, args[2]!, args[3]!];
  const trackingId = s.tracking ? ctx.tracking.newId() : undefined;

  const u = ctx.findUps(upsName);
  if (!u) return err('UNKNOWN-UPS');
  const e = unavailable(u);
  if (e) return e;
  if (!mayAct(ctx, s, 'SET')) return err('ACCESS-DENIED');
  const v = u.store.get(name);
  if (!v) return err('VAR-NOT-SUPPORTED');
  if (!(v.flags & FLAG_RW)) return err('READONLY');
  if (v.flags & FLAG_STRING) {
    if (v.aux < 1) {
      ctx.log.warn(`UPS [${u.name}]: auxdata for ${name} is invalid`);
      return err('SET-FAILED');
    }
    if (v.aux < value.length) return err('TOO-LONG');
  }
  // enum entries are stored escaped: a value with " \ # can never match (reference behaviour)
  if (v.enums.length && !v.enums.includes(value)) return err('INVALID-VALUE');
  if (v.ranges.length) {
    const n = atoi(value);
    if (!v.ranges.some((r) => n >= r.min && n <= r.max)) return err('INVALID-VALUE');
  }
  let cmd = `SET ${name} "${nutEscape(value)}"`;
  if (trackingId) {
    cmd += ` TRACKING ${trackingId}`;
    ctx.tracking.add(trackingId, ctx.now());
  }
  ctx.log.info(`Set variable: ${s.username}@${s.addr} set ${name} on ${u.name} to ${value} (tracking ID: ${trackingId ?? 'disabled'})`);
  if (!ctx.sendToDriver(u, cmd + '\n')) {
    ctx.log.info('Set command send failed');
    return err('SET-FAILED');
  }
  return line(trackingId ? `OK TRACKING ${trackingId}` : 'OK');
};
