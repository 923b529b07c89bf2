// INSTCMD <ups> <cmd> [<param>] (net-protocol.md §6.13).

import { nutEscape } from '../../core/escape.js';
import { checkUser } from '../auth-guard.js';
import { err, line } from '../../protocol/replies.js';
import type { Handler } from './context.js';
import { unavailable } from './get.js';

export const netInstcmd: Handler = (ctx, s, args) => {
  if (args.length < 2) return err('INVALID-ARGUMENT');
  const [upsName, cmdName] = [args[0]!, args[1]!];
  // the parameter is used only with exactly 3 words (more: extras ignored, no param)
  const param = args.length === 3 ? args[2]! : undefined;
  const trackingId = s.tracking ? ctx.tracking.newId() : undefined;

  const u = ctx.findUps(upsName);
  if (!u) return err('UNKNOWN-UPS');
  const e = unavailable(u);
  if (e) return e;
  if (!u.store.hasCmd(cmdName)) return err('CMD-NOT-SUPPORTED');
  if (!checkUser(ctx.users(), ctx.authGuard, ctx.log, s.addr, ctx.now(), s.username!, s.password!, 'user_checkinstcmd', (u) => u.instcmds.has('all') || u.instcmds.has(cmdName.toLowerCase()))) return err('ACCESS-DENIED');
  // reference quirk kept on purpose: the parameter goes to the driver escaped but unquoted
  let cmd = `INSTCMD ${cmdName}`;
  if (param !== undefined) cmd += ` ${nutEscape(param)}`;
  if (trackingId) {
    cmd += ` TRACKING ${trackingId}`;
    ctx.tracking.add(trackingId, ctx.now());
  }
  ctx.log.info(`Instant command: ${s.username}@${s.addr} did ${cmdName}${param !== undefined ? ' with value ' + param : ''} on ${u.name} (tracking ID: ${trackingId ?? 'disabled'})`);
  if (!ctx.sendToDriver(u, cmd + '\n')) {
    ctx.log.info('Set command send failed');
    return err('INSTCMD-FAILED');
  }
  return line(trackingId ? `OK TRACKING ${trackingId}` : 'OK');
};
