// LOGIN, PRIMARY/MASTER, FSD: the upsmon handshake (net-protocol.md §6.5-6.8).

import { userHasAction } from '../../config/upsdusers.js';
import { err, line } from '../../protocol/replies.js';
import type { Handler } from './context.js';

export const netLogin: Handler = (ctx, s, args) => {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  if (s.loginUps) {
    ctx.log.info(`Client ${s.username}@${s.addr} tried to login twice`);
    return err('ALREADY-LOGGED-IN');
  }
  const ups = ctx.findUps(args[0]!);
  if (!ups) return err('UNKNOWN-UPS');
  if (!userHasAction(ctx.users(), s.username!, s.password!, 'LOGIN')) return err('ACCESS-DENIED');
  ups.numLogins++;
  s.loginUps = ups;
  ctx.log.info(`User ${s.username}@${s.addr} logged into UPS [${ups.name}]${s.tls ? ' (SSL)' : ''}`);
  return line('OK');
};

function primaryHandler(reply: string): Handler {
  return (ctx, s, args) => {
    if (args.length !== 1) return err('INVALID-ARGUMENT');
    if (!ctx.findUps(args[0]!)) return err('UNKNOWN-UPS');
    if (!userHasAction(ctx.users(), s.username!, s.password!, 'PRIMARY', 'MASTER')) return err('ACCESS-DENIED');
    return line(reply);
  };
}

export const netPrimary = primaryHandler('OK PRIMARY-GRANTED');
export const netMaster = primaryHandler('OK MASTER-GRANTED');

export const netFsd: Handler = (ctx, s, args) => {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  const ups = ctx.findUps(args[0]!);
  if (!ups) return err('UNKNOWN-UPS');
  if (!userHasAction(ctx.users(), s.username!, s.password!, 'FSD')) return err('ACCESS-DENIED');
  ctx.log.info(`Client ${s.username}@${s.addr} set FSD on UPS [${ups.name}]`);
  ups.fsd = true;
  return line('OK FSD-SET');
};
