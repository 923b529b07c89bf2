// Shared shapes of `tsnut check`: findings, the host interface (everything
// that looks at the machine goes through it, so the checks stay pure and the
// tests can describe a machine), and the set of files checked.

export type Level = 'error' | 'warning' | 'info';

export interface Finding {
  file: string;
  line?: number;
  col?: number;
  level: Level;
  /** stable short name of the rule (docs/tsnut-check.md lists them) */
  code: string;
  message: string;
  /** what to do about it (NUT FAQ hints) */
  hint?: string;
}

export interface HostProbe {
  exists(path: string): boolean;
  /** regular file with an x bit for someone */
  executable(path: string): boolean;
  /** permission bits, undefined when missing */
  mode(path: string): number | undefined;
  /** an interface of this machine carries this IP address */
  hasAddress(addr: string): boolean;
  userExists(name: string): boolean;
  /** `user` may open `path` for reading and writing (device nodes) */
  accessible(path: string, user: string): boolean;
  /** a driver program by ups.conf name: hosted by tsnut or found in driverpath */
  driverExists(name: string, driverPath: string): boolean;
  /** a command name looked up in PATH (absolute paths are returned as they are when they exist) */
  which(cmd: string): string | undefined;
}

export const FILES = ['nut.conf', 'ups.conf', 'upsd.conf', 'upsd.users', 'upsmon.conf', 'upssched.conf', 'hosts.conf', 'upsset.conf'] as const;
export type FileName = (typeof FILES)[number];

export interface ConfigSet {
  /** the config directory (for messages and relative paths) */
  dir: string;
  /** file text by name; missing files are absent */
  files: Partial<Record<FileName, string>>;
}

export function exitCode(fs: Finding[]): 0 | 1 | 2 {
  if (fs.some((f) => f.level === 'error')) return 2;
  if (fs.some((f) => f.level === 'warning')) return 1;
  return 0;
}

export function formatFinding(f: Finding): string {
  const where = [f.file, f.line, f.line !== undefined ? f.col : undefined].filter((x) => x !== undefined).join(':');
  return `${where}: ${f.level}: ${f.message} [${f.code}]${f.hint ? `\n  hint: ${f.hint}` : ''}`;
}
