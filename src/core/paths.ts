// Where NUT looks for things (config-server.md §2). Debian's built-in defaults.

export const DEFAULT_CONFPATH = '/etc/nut';
export const DEFAULT_STATEPATH = '/run/nut';
export const DEFAULT_DATADIR = '/usr/share/nut';
export const DEFAULT_DRVPATH = '/lib/nut';
export const DEFAULT_RUN_AS_USER = 'nut';
export const NUT_PORT = 3493;
/** The version we speak as: the Debian reference's. */
export const NUT_VERSION = '2.8.0';
export const NUT_NETVERSION = '1.3';

type Env = Record<string, string | undefined>;

export function confPath(env: Env = process.env): string {
  return env.NUT_CONFPATH ? env.NUT_CONFPATH : DEFAULT_CONFPATH;
}

export function statePath(env: Env = process.env): string {
  return env.NUT_STATEPATH ? env.NUT_STATEPATH : DEFAULT_STATEPATH;
}

export function altPidPath(env: Env = process.env): string {
  if (env.NUT_ALTPIDPATH) return env.NUT_ALTPIDPATH;
  return statePath(env);
}

export function confFile(name: string, env: Env = process.env): string {
  return `${confPath(env)}/${name}`;
}
