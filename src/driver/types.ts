/**
 * The driver interface every tsnut driver implements (NUT's upsdrv_* hooks).
 *
 * How to write a driver:
 *
 *   // src/drivers/mydrv/index.ts
 *   export const mydrv: DriverModule = {
 *     name: 'mydrv',                       // program name (bin/mydrv, socket mydrv-<ups>)
 *     description: 'My UPS driver',        // banner: "Network UPS Tools - <description> <version> (2.8.0)"
 *     version: '0.01',                     // driver.version.internal
 *     vartable: [{ kind: 'VALUE', name: 'cable', desc: 'Cable type' }],
 *     async initups(ctx) { ...open ctx.port... },            // upsdrv_initups
 *     async initinfo(ctx) { ctx.setInfo('ups.mfr', 'ACME'); ctx.addCmd('load.off'); },
 *     async updateinfo(ctx) {                                 // one poll
 *       const r = await poll();
 *       if (!r) { ctx.dataStale(); return; }
 *       ctx.setInfo('battery.charge', r.charge);
 *       ctx.statusInit(); ctx.statusSet('OL'); ctx.statusCommit();
 *       ctx.dataOk();
 *     },
 *     async instcmd(ctx, cmd, param) { return STAT_INSTCMD_UNKNOWN; },
 *     async setvar(ctx, name, value) { return STAT_SET_UNKNOWN; },
 *     async shutdown(ctx) { ... },  // -k; throw (or ctx.fatal) when it fails
 *   };
 *
 *   // src/driver/registry.ts — one line, then `npm run gen:bin`:
 *   { name: 'mydrv', dir: 'mydrv', export: 'mydrv' },
 *
 * The runtime (src/driver/runtime.ts) does everything drivers/main.c and
 * dstate.c do: command line, ups.conf, driver.* variables, PID file, the
 * socket server, the poll loop, `-d N` dumps and `-k`. Hooks may be async;
 * the runtime never runs two hooks at once (SET/INSTCMD from the socket wait
 * for a running updateinfo to finish), so driver code needs no locking;
 * PING and DUMPALL are answered even while a hook awaits device I/O.
 * Hooks must not block for long: upsd PINGs the socket every 5 s.
 * Never exit on device loss: call ctx.dataStale() and retry on the next poll.
 */

import type { Logger } from '../core/logger.js';
import type { UpsStore } from '../state/store.js';
import type { DriverHost } from './kit/host.js';

// status codes and flags live in the kit; re-exported for existing importers
export {
  FLAG_RW, FLAG_STRING, FLAG_NUMBER, FLAG_IMMUTABLE,
  STAT_INSTCMD_HANDLED, STAT_INSTCMD_UNKNOWN, STAT_INSTCMD_INVALID, STAT_INSTCMD_FAILED, STAT_INSTCMD_CONVERSION_FAILED,
  STAT_SET_HANDLED, STAT_SET_UNKNOWN, STAT_SET_INVALID, STAT_SET_FAILED, STAT_SET_CONVERSION_FAILED,
} from './kit/status.js';

/** One `-x` / ups.conf option the driver accepts (NUT's addvar). */
export interface VarTableEntry {
  kind: 'VALUE' | 'FLAG';
  name: string;
  desc: string;
  /** VAR_SENSITIVE: not published as driver.parameter.<name> */
  sensitive?: boolean;
}

type Awaitable<T> = T | Promise<T>;

export interface DriverModule {
  /** program name, e.g. 'dummy-ups' */
  name: string;
  /** upsdrv_info.name, e.g. 'Device simulation and repeater driver' */
  description: string;
  /** upsdrv_info.version → driver.version.internal */
  version: string;
  /** DRV_EXPERIMENTAL: prints the experimental warning after the banner */
  experimental?: boolean;
  /** upsdrv_info.subdrv_info: extra banner lines, e.g. 'APC command table version 3.1' */
  subBanners?: readonly string[];
  /** upsdrv_makevartable() */
  vartable: VarTableEntry[];
  /** upsdrv_help(): extra lines printed at the end of -h */
  help?: string;
  /** upsdrv_initups(): open/detect the device. */
  initups?(ctx: DriverContext): Awaitable<void>;
  /** upsdrv_initinfo(): publish the initial variables and commands. */
  initinfo(ctx: DriverContext): Awaitable<void>;
  /** upsdrv_updateinfo(): one poll. */
  updateinfo(ctx: DriverContext): Awaitable<void>;
  /**
   * upsh.instcmd: returns STAT_INSTCMD_*. Absent (or returning undefined =
   * "no handler in this mode") → no TRACKING reply, as 2.8.0.
   */
  instcmd?(ctx: DriverContext, cmd: string, param: string | undefined): Awaitable<number | undefined>;
  /** upsh.setvar: returns STAT_SET_*; absent/undefined as for instcmd. */
  setvar?(ctx: DriverContext, name: string, value: string): Awaitable<number | undefined>;
  /** upsdrv_shutdown() for -k. Absent → fatal `shutdown not supported`. */
  shutdown?(ctx: DriverContext): Awaitable<void>;
  /** upsdrv_cleanup(): close the device. */
  cleanup?(ctx: DriverContext): Awaitable<void>;
}

/** What a driver hook gets: config, logging and the dstate API (a DriverHost with more). */
export interface DriverContext extends DriverHost {
  /** the -a/-s id */
  readonly upsname: string;
  /** program name (driver.name) */
  readonly progname: string;
  /** the `port` value (device_path) */
  readonly port: string;
  /** logger (ctx.log.info(...), ctx.log.debug(level, ...)) */
  readonly log: Logger;
  /** current debug level (-D count, debug_min) */
  readonly debugLevel: number;
  /** -d N given: dump mode (no socket) */
  readonly dumpMode: boolean;
  /** -k given */
  readonly forceShutdown: boolean;
  /** seconds between updateinfo calls; a driver may change it in initups/initinfo */
  pollInterval: number;
  /** the driver-side store (read access; change it only through the methods below) */
  readonly store: UpsStore;

  /** getval(): value of a VALUE option from -x/ups.conf (undefined if not given) */
  getval(name: string): string | undefined;
  /** testvar(): whether an option (flag or value) was given */
  testvar(name: string): boolean;

  // dstate_* — each change is broadcast to socket clients
  setInfo(name: string, value: string | number): void;
  /**
   * dstate_getinfo(): as in NUT this is the stored value *escaped* for the
   * wire (`"`, `\` and `#` preceded by `\`); identical to what was set for
   * ordinary values. getRaw() gives the value exactly as set.
   */
  getInfo(name: string): string | undefined;
  getRaw(name: string): string | undefined;
  getRanges(name: string): { min: number; max: number }[];
  getEnums(name: string): string[];
  /** aux length of a STRING variable; -1 when the variable does not exist */
  getAux(name: string): number;
  delInfo(name: string): void;
  /** replace flags: a bit mask of FLAG_* or words ['RW','STRING','NUMBER'] */
  setFlags(name: string, flags: number | readonly string[]): void;
  addFlags(name: string, flags: number): void;
  delFlags(name: string, flags: number): void;
  setAux(name: string, aux: number): void;
  addEnum(name: string, value: string): void;
  delEnum(name: string, value: string): void;
  addRange(name: string, min: number, max: number): void;
  delRange(name: string, min: number, max: number): void;
  addCmd(cmd: string): void;
  delCmd(cmd: string): void;
  dataOk(): void;
  dataStale(): void;
  isStale(): boolean;

  // ups.status helpers (status_init/status_set/status_get/status_commit)
  statusInit(): void;
  statusSet(token: string): void;
  statusGet(token: string): boolean;
  statusCommit(): void;
  // ups.alarm helpers (alarm_init/alarm_set/alarm_commit); commit before statusCommit
  alarmInit(): void;
  alarmSet(text: string): void;
  alarmCommit(): void;

  /** fatalx(EXIT_FAILURE, msg): log, clean up, exit 1 */
  fatal(msg: string): never;
  /** await a delay (PING/DUMPALL are still answered meanwhile) */
  sleep(ms: number): Promise<void>;
  /** ask for an early updateinfo (NUT's extrafd) */
  wakeup(): void;
}
