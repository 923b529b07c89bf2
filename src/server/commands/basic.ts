// VER, NETVER/PROTVER, HELP, STARTTLS, USERNAME, PASSWORD, LOGOUT.

import { NUT_NETVERSION } from '../../core/paths.js';
import { err, line } from '../../protocol/replies.js';
import type { Handler } from './context.js';

export const serverInfo = (version: string) => `Network UPS Tools upsd ${version} - http://www.networkupstools.org/`;

export const netVer: Handler = (ctx, _s, args) => (args.length !== 0 ? err('INVALID-ARGUMENT') : line(serverInfo(ctx.version)));

export const netNetVer: Handler = (_ctx, _s, args) => (args.length !== 0 ? err('INVALID-ARGUMENT') : line(NUT_NETVERSION));

// 2.8.0's list: PROTVER, NETVER, PRIMARY, MASTER and FSD are not shown
export const netHelp: Handler = (_ctx, _s, args) =>
  args.length !== 0 ? err('INVALID-ARGUMENT') : line('Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME PASSWORD STARTTLS');

export const netStartTls: Handler = (ctx, s) => {
  if (s.tls) return err('ALREADY-SSL-MODE');
  const st = ctx.tlsState(s);
  if (st === 'unsupported') return err('FEATURE-NOT-SUPPORTED');
  if (st === 'unconfigured') return err('FEATURE-NOT-CONFIGURED');
  ctx.startTls(s);
  return line('OK STARTTLS');
};

export const netUsername: Handler = (ctx, s, args) => {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  if (s.username !== undefined) {
    ctx.log.info(`Client ${s.username}@${s.addr} tried to set a username twice`);
    return err('ALREADY-SET-USERNAME');
  }
  s.username = args[0]!;
  return line('OK');
};

export const netPassword: Handler = (ctx, s, args) => {
  if (args.length !== 1) return err('INVALID-ARGUMENT');
  if (s.password !== undefined) {
    ctx.log.info(s.username !== undefined ? `Client ${s.username}@${s.addr} tried to set a password twice` : `Client on ${s.addr} tried to set a password twice`);
    return err('ALREADY-SET-PASSWORD');
  }
  s.password = args[0]!;
  return line('OK');
};

export const netLogout: Handler = (ctx, s, args) => {
  if (args.length !== 0) return err('INVALID-ARGUMENT');
  if (s.loginUps) ctx.log.info(`User ${s.username}@${s.addr} logged out from UPS [${s.loginUps.name}]${s.tls ? ' (SSL)' : ''}`);
  s.closing = true;
  return line('OK Goodbye');
};
