// Run one of Debian's reference CGIs (/usr/lib/cgi-bin/nut/*.cgi), which read
// /etc/nut only, in a private mount namespace where `confDir` is bind-mounted
// over /etc/nut. Nothing outside the namespace sees the mount.

import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';

export const REF_CGI_DIR = '/usr/lib/cgi-bin/nut';
export const haveRefCgi = existsSync(`${REF_CGI_DIR}/upsstats.cgi`) && existsSync('/usr/bin/unshare');

export interface CgiResult { code: number | null; headers: string; body: Buffer; stderr: string }

export function runRefCgi(cgi: string, confDir: string, env: Record<string, string>, stdin = ''): Promise<CgiResult> {
  return new Promise((resolve, reject) => {
    const p = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount --bind "$1" /etc/nut && exec "$2"', 'sh', confDir, `${REF_CGI_DIR}/${cgi}`], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', REQUEST_METHOD: 'GET', QUERY_STRING: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('error', reject);
    const t = setTimeout(() => p.kill('SIGKILL'), 60000);
    p.on('close', (code) => {
      clearTimeout(t);
      const all = Buffer.concat(out);
      const sep = all.indexOf('\n\n');
      resolve({ code, headers: all.subarray(0, sep < 0 ? all.length : sep).toString('latin1'), body: sep < 0 ? Buffer.alloc(0) : all.subarray(sep + 2), stderr: err });
    });
    // a CGI that refuses early never reads its form: its closed stdin is no error
    p.stdin.on('error', () => {});
    p.stdin.end(stdin);
  });
}
