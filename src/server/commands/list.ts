// LIST (net-protocol.md §6.11): UPS, VAR, RW, CMD, CLIENT, ENUM, RANGE.
// Each list is built into one string so it goes out in one write (the
// reference writes line by line and stalls on delayed ACKs).

import { nutEscape } from '../../core/escape.js';
import { err, line, list } from '../../protocol/replies.js';
import { FLAG_RW } from '../../state/store.js';
import type { Handler } from './context.js';
import { servedValue, unavailable } from './get.js';

export const netList: Handler = (ctx, _s, args) => {
  if (args.length === 0) return err('INVALID-ARGUMENT');
  const sub = args[0]!.toUpperCase();
  if (sub === 'UPS') {
    let items = '';
    for (const u of ctx.upsList()) items += line(`UPS ${u.name} "${u.desc !== undefined ? nutEscape(u.desc) : 'Description unavailable'}"`);
    return list('UPS', items);
  }
  if (args.length < 2) return err('INVALID-ARGUMENT');
  const upsName = args[1]!;
  if (sub === 'VAR' || sub === 'RW' || sub === 'CMD' || sub === 'CLIENT') {
    const u = ctx.findUps(upsName);
    if (!u) return err('UNKNOWN-UPS');
    if (sub === 'CLIENT') {
      let items = '';
      for (const c of ctx.clientsOf(u)) items += line(`CLIENT ${u.name} ${c.addr}`);
      return list(`CLIENT ${upsName}`, items);
    }
    const e = unavailable(u);
    if (e) return e;
    let items = '';
    if (sub === 'VAR') {
      for (const v of u.store.list()) items += line(`VAR ${upsName} ${v.name} "${servedValue(u, v.name, v.value)}"`);
    } else if (sub === 'RW') {
      for (const v of u.store.list()) if (v.flags & FLAG_RW) items += line(`RW ${upsName} ${v.name} "${v.value}"`);
    } else {
      for (const c of u.store.listCmds()) items += line(`CMD ${upsName} ${c}`);
    }
    return list(`${sub} ${upsName}`, items);
  }
  if (args.length < 3) return err('INVALID-ARGUMENT');
  if (sub !== 'ENUM' && sub !== 'RANGE') return err('INVALID-ARGUMENT');
  const varName = args[2]!;
  const u = ctx.findUps(upsName);
  if (!u) return err('UNKNOWN-UPS');
  const e = unavailable(u);
  if (e) return e;
  const v = u.store.get(varName);
  if (!v) return err('VAR-NOT-SUPPORTED');
  let items = '';
  if (sub === 'ENUM') for (const en of v.enums) items += line(`ENUM ${upsName} ${varName} "${en}"`);
  else for (const r of v.ranges) items += line(`RANGE ${upsName} ${varName} "${r.min}" "${r.max}"`);
  return list(`${sub} ${upsName} ${varName}`, items);
};
