// What a command handler may see and do. upsd implements it; tests fake it.

import type { Logger } from '../../core/logger.js';
import type { UpsdUsers } from '../../config/upsdusers.js';
import type { Descriptions } from '../descriptions.js';
import type { TrackingTable } from '../tracking.js';
import type { Session } from '../session.js';
import type { UpsEntry } from '../ups.js';
import type { AuthGuard } from '../auth-guard.js';

export interface ServerContext {
  /** case-insensitive lookup */
  findUps(name: string): UpsEntry | undefined;
  /** in LIST UPS order */
  upsList(): readonly UpsEntry[];
  users(): UpsdUsers;
  descriptions(): Descriptions;
  tracking: TrackingTable;
  /** sessions LOGINed to `ups`, most recently accepted first */
  clientsOf(ups: UpsEntry): Session[];
  /** write one line to the driver; false if the write failed (the link is then dropped) */
  sendToDriver(ups: UpsEntry, line: string): boolean;
  /** STARTTLS availability for this session */
  tlsState(s: Session): 'unsupported' | 'unconfigured' | 'ready';
  /** called after "OK STARTTLS" has been queued */
  startTls(s: Session): void;
  log: Logger;
  /** failed-authentication limiter (absent: no limit) */
  authGuard?: AuthGuard;
  now(): number;
  version: string;
}

/** A command handler: arguments after the command word → the full reply text. */
export type Handler = (ctx: ServerContext, s: Session, args: readonly string[]) => string;
