// LOGIN, PRIMARY/MASTER, FSD: the upsmon handshake (net-protocol.md §6.5-6.8).

import { checkUser } from '../auth-guard.js';
import { err, line } from '../../protocol/replies.js';
import type { Handler, ServerContext } from './context.js';
import type { Session } from '../session.js';

/** May this session's user do one of `actions`? (logs and counts failures) */
export function mayAct(ctx: ServerContext, s: Session, ...actions: string[]): boolean {
  return checkUser(ctx.users(), ctx.authGuard, ctx.log, s.addr, ctx.now(), s.username!, s.password!, 'user_checkaction',
    (u) => actions.some((a) => u.actions.has(a.toLowerCase())));
}

export const netLogin: Handler = (ctx, s, args) => {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  if (s.loginUps) {
    ctx.log.info(`Client ${s.username}@${s.addr} tried to login twice`);
    return err('ALREADY-LOGGED-IN');
  }
  const ups = ctx.findUps(args[0]!);
  if (!ups) return err('UNKNOWN-UPS');
  if (!mayAct(ctx, s, 'LOGIN')) return err('ACCESS-DENIED');
  ups.numLogins++;
  s.loginUps = ups;
  ctx.log.info(`User ${s.username}@${s.addr} logged into UPS [${ups.name}]${s.tls ? ' (SSL)' : ''}`);
  return line('OK');
};

function primaryHandler(reply: string): Handler {
  return (ctx, s, args) => {
    if (args.length !== 1) return err('INVALID-ARGUMENT');
    if (!ctx.findUps(args[0]!)) return err('UNKNOWN-UPS');
    if (!mayAct(ctx, s, 'PRIMARY', 'MASTER')) return err('ACCESS-DENIED');
    return line(reply);
  };
}

export const netPrimary = primaryHandler('OK PRIMARY-GRANTED');
export const netMaster = primaryHandler('OK MASTER-GRANTED');

export const netFsd: Handler = (ctx, s, args) => {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  const ups = ctx.findUps(args[0]!);
  if (!ups) return err('UNKNOWN-UPS');
  if (!mayAct(ctx, s, 'FSD')) return err('ACCESS-DENIED');
  ctx.log.info(`Client ${s.username}@${s.addr} set FSD on UPS [${ups.name}]`);
  ups.fsd = true;
  return line('OK FSD-SET');
};
