// The host a driver core talks to: the part of the driver context that
// publishes data (dstate), reads options and logs. The runtime's
// DriverContext is one; unit tests hand in an in-memory one. A driver core
// takes a DriverHost (or a Pick of it) so it runs without the runtime.

/** The logging calls driver code makes (Logger satisfies it). */
export interface DriverLog {
  info(msg: string): void;
  notice(msg: string): void;
  err(msg: string): void;
  warn(msg: string): void;
  debug(level: number, msg: string): void;
}

export interface DriverHost {
  /** getval(): value of a VALUE option from -x/ups.conf (undefined if not given) */
  getval(name: string): string | undefined;
  /** testvar(): whether an option (flag or value) was given */
  testvar(name: string): boolean;
  setInfo(name: string, value: string): void;
  /** dstate_getinfo(): the value escaped for the wire */
  getInfo(name: string): string | undefined;
  delInfo(name: string): void;
  setFlags(name: string, flags: number): void;
  setAux(name: string, aux: number): void;
  addEnum(name: string, value: string): void;
  addRange(name: string, min: number, max: number): void;
  getRanges(name: string): { min: number; max: number }[];
  getEnums(name: string): string[];
  /** aux length of a STRING variable; -1 when the variable does not exist */
  getAux(name: string): number;
  addCmd(cmd: string): void;
  statusInit(): void;
  statusSet(token: string): void;
  statusCommit(): void;
  alarmInit(): void;
  alarmSet(text: string): void;
  alarmCommit(): void;
  dataOk(): void;
  dataStale(): void;
  fatal(msg: string): never;
  readonly log: DriverLog;
}

/** Send one command to the device and return its reply ('' on timeout), or null on an I/O error. */
export interface CommandIo {
  command(cmd: string): Promise<string | null>;
}
