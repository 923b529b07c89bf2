#!/usr/bin/env node
// Builds a Debian package of tsnut from the checkout with dpkg-deb:
//   node scripts/build-deb.mjs [outdir]     (default: build/)
// Layout: the program in /usr/lib/tsnut; NUT's Debian paths as symlinks
// (/usr/sbin/upsd, upsmon, upsdrvctl, upssched, tsnut; /usr/bin/upsc,
// upscmd, upsrw, upslog; drivers in /lib/nut); systemd units, tmpfiles.d,
// sysusers.d, udev rules; /etc/nut samples as conffiles. Needs `npm run
// build` first; only production dependencies are copied.

import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync, readdirSync, chmodSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve, relative } from 'node:path';

const repo = resolve(new URL('..', import.meta.url).pathname);
const out = resolve(process.argv[2] ?? join(repo, 'build'));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const arch = execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim();
const nodeArch = { amd64: 'x64', arm64: 'arm64', armhf: 'armhf', i386: 'ia32' }[arch] ?? arch;
if (!existsSync(join(repo, 'dist', 'src', 'cli', 'tsnut.js'))) { process.stderr.write('run npm run build first\n'); process.exit(1); }

const stage = join(out, `tsnut_${pkg.version}_${arch}`);
rmSync(stage, { recursive: true, force: true });
const P = (p) => join(stage, p);
const app = '/usr/lib/tsnut';
mkdirSync(P(app), { recursive: true });
cpSync(join(repo, 'dist', 'src'), P(`${app}/dist/src`), { recursive: true });
cpSync(join(repo, 'bin'), P(`${app}/bin`), { recursive: true });
cpSync(join(repo, 'package.json'), P(`${app}/package.json`));
// production dependencies only (npm's own view of the tree)
const deps = execFileSync('npm', ['ls', '--omit=dev', '--parseable', '--all'], { cwd: repo, encoding: 'utf8' })
  .split('\n').filter((l) => l && l !== repo).map((l) => relative(repo, l)).sort();
const done = [];
for (const d of deps) {
  if (done.some((x) => d.startsWith(x + '/'))) continue;
  cpSync(join(repo, d), P(`${app}/${d}`), { recursive: true, dereference: true });
  done.push(d);
}
// koffi ships prebuilt libraries for every platform: keep this one
const kb = P(`${app}/node_modules/koffi/build/koffi`);
if (existsSync(kb)) for (const d of readdirSync(kb)) if (d !== `linux_${nodeArch}`) rmSync(join(kb, d), { recursive: true, force: true });

const link = (target, at) => { mkdirSync(P(at.replace(/\/[^/]+$/, '')), { recursive: true }); symlinkSync(target, P(at)); };
const programs = Object.keys(pkg.bin);
const sbin = ['upsd', 'upsmon', 'upsdrvctl', 'upssched', 'tsnut'];
const clients = ['upsc', 'upscmd', 'upsrw', 'upslog'];
for (const p of programs) {
  if (sbin.includes(p)) link(`${app}/bin/${p}`, `/usr/sbin/${p}`);
  else if (clients.includes(p)) link(`${app}/bin/${p}`, `/usr/bin/${p}`);
  else link(`${app}/bin/${p}`, `/lib/nut/${p}`); // drivers, where upsdrvctl and NUT look for them
}
for (const [from, to] of [['packaging/systemd', '/lib/systemd/system'], ['packaging/tmpfiles.d', '/usr/lib/tmpfiles.d'], ['packaging/sysusers.d', '/usr/lib/sysusers.d'], ['packaging/udev', '/lib/udev/rules.d'], ['packaging/etc', '/etc/nut']]) {
  cpSync(join(repo, from), P(to), { recursive: true });
}
mkdirSync(P('/usr/share/doc/tsnut'), { recursive: true });
cpSync(join(repo, 'docs'), P('/usr/share/doc/tsnut/docs'), { recursive: true });
cpSync(join(repo, 'README.md'), P('/usr/share/doc/tsnut/README.md'));

mkdirSync(P('DEBIAN'));
for (const s of ['postinst', 'prerm']) { cpSync(join(repo, 'packaging', 'debian', s), P(`DEBIAN/${s}`)); chmodSync(P(`DEBIAN/${s}`), 0o755); }
writeFileSync(P('DEBIAN/conffiles'), readdirSync(P('/etc/nut')).sort().map((f) => `/etc/nut/${f}\n`).join(''));
const size = Number(execFileSync('du', ['-sk', '--exclude=DEBIAN', stage], { encoding: 'utf8' }).split('\t')[0]);
writeFileSync(P('DEBIAN/control'), [
  'Package: tsnut',
  `Version: ${pkg.version}`,
  `Architecture: ${arch}`,
  'Maintainer: tsnut developers <tsnut@localhost>',
  `Installed-Size: ${size}`,
  'Depends: nodejs (>= 20)',
  'Recommends: adduser',
  'Conflicts: nut-server, nut-client',
  'Section: admin',
  'Priority: optional',
  'Homepage: https://networkupstools.org/',
  'Description: Network UPS Tools rebuilt in TypeScript (drop-in for NUT 2.8)',
  ' upsd, upsmon, upssched, upsdrvctl, the clients and drivers of NUT with the',
  ' same command lines, configuration files and protocols, plus tsnut, which',
  ' runs the drivers, upsd and upsmon in one process (tsnut.service), checks',
  ' the configuration (tsnut check) and rehearses a power failure (tsnut drill).',
  '',
].join('\n'));
mkdirSync(out, { recursive: true });
const deb = join(out, `tsnut_${pkg.version}_${arch}.deb`);
execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', '-z1', '--build', stage, deb], { stdio: ['ignore', 'ignore', 'inherit'] });
rmSync(stage, { recursive: true, force: true });
process.stdout.write(`${deb}\n`);
