// The whole server surface on one screen (NUT's server/netcmds.h): verb →
// handler, and whether it needs USERNAME + PASSWORD first.

import { err } from '../../protocol/replies.js';
import type { Handler, ServerContext } from './context.js';
import type { Session } from '../session.js';
import { netVer, netNetVer, netHelp, netStartTls, netUsername, netPassword, netLogout } from './basic.js';
import { netLogin, netPrimary, netMaster, netFsd } from './auth.js';
import { netGet } from './get.js';
import { netList } from './list.js';
import { netSet } from './set.js';
import { netInstcmd } from './instcmd.js';

interface Command { handler: Handler; user: boolean }

const COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['VER', { handler: netVer, user: false }],
  ['NETVER', { handler: netNetVer, user: false }],
  ['PROTVER', { handler: netNetVer, user: false }],
  ['HELP', { handler: netHelp, user: false }],
  ['STARTTLS', { handler: netStartTls, user: false }],
  ['GET', { handler: netGet, user: false }],
  ['LIST', { handler: netList, user: false }],
  ['USERNAME', { handler: netUsername, user: false }],
  ['PASSWORD', { handler: netPassword, user: false }],
  ['LOGIN', { handler: netLogin, user: true }],
  ['LOGOUT', { handler: netLogout, user: false }],
  ['PRIMARY', { handler: netPrimary, user: true }],
  ['MASTER', { handler: netMaster, user: true }],
  ['FSD', { handler: netFsd, user: true }],
  ['SET', { handler: netSet, user: true }],
  ['INSTCMD', { handler: netInstcmd, user: true }],
]);

/** Execute one tokenized request line and return the reply. */
export function dispatch(ctx: ServerContext, s: Session, words: readonly string[]): string {
  if (words.length < 1) return err('UNKNOWN-COMMAND');
  const cmd = COMMANDS.get(words[0]!.toUpperCase());
  if (!cmd) return err('UNKNOWN-COMMAND');
  if (cmd.user) {
    if (s.username === undefined) return err('USERNAME-REQUIRED');
    if (s.password === undefined) return err('PASSWORD-REQUIRED');
  }
  return cmd.handler(ctx, s, words.slice(1));
}
