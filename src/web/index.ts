// Building a WebServer from the config files, for bin/upsweb and the single-process stack.

import { readFileSync } from 'node:fs';
import { join, isAbsolute } from 'node:path';
import { parseHostsConf } from '../config/hostsconf.js';
import { parseUpswebConf } from '../config/upswebconf.js';
import { formatDiagnostic } from '../config/diagnostics.js';
import { SqliteHistory } from '../history/sqlite.js';
import { WebServer } from './server.js';

export class WebConfigError extends Error {}

function read(file: string, what: string): Buffer {
  try { return readFileSync(file); } catch (e) {
    throw new WebConfigError(`Can't open ${file} (${what}): ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}`);
  }
}

export function loadWeb(confPath: string, statePath: string, log: (level: 'err' | 'warn' | 'info', msg: string) => void): WebServer {
  const confFile = join(confPath, 'upsweb.conf');
  const conf = parseUpswebConf(read(confFile, 'the upsweb settings'), confFile);
  for (const d of conf.diagnostics) log(d.level === 'error' ? 'err' : 'warn', formatDiagnostic(d));
  const hostsFile = join(confPath, 'hosts.conf');
  const hosts = parseHostsConf(read(hostsFile, 'the UPSes to show'), hostsFile);
  for (const d of hosts.diagnostics) log(d.level === 'error' ? 'err' : 'warn', formatDiagnostic(d));
  if (hosts.monitors.length === 0) log('warn', `${hostsFile}: no MONITOR lines: nothing to show`);
  let history: SqliteHistory | undefined;
  if (conf.database !== 'none') {
    const dbFile = conf.database ? (isAbsolute(conf.database) ? conf.database : join(statePath, conf.database)) : join(statePath, 'upsweb.db');
    try { history = new SqliteHistory(dbFile, conf.historyDays); } catch (e) {
      throw new WebConfigError(`Can't open the history database ${dbFile}: ${(e as Error).message}`);
    }
    history.compact(Date.now() / 1000);
  }
  return new WebServer({ conf, hosts, confPath, history, log: (m) => log('err', m) });
}
