// snmpd pass_persist helper serving a walk file (snmpd.conf(5) "pass_persist"):
//   pass_persist <subtree> node pass-persist.js <subtree> <walkfile> [setlog]
// GET/GETNEXT answer from the walk (inside <subtree> only); SETs are logged
// as "SET <oid> <type> <value>" lines to [setlog] and change the value.

import { appendFileSync, readFileSync } from 'node:fs';
import { Walk, type WalkType } from './walk.js';

const [subtree, file, setlog] = process.argv.slice(2);
const walk = Walk.parse(readFileSync(file!, 'latin1'));
const inTree = (oid: string): boolean => oid === subtree!.replace(/^\./, '') || oid.startsWith(subtree!.replace(/^\./, '') + '.');

function answer(oid: string): string {
  const v = walk.get(oid);
  if (!v || !inTree(oid.replace(/^\./, ''))) return 'NONE\n';
  return `.${oid.replace(/^\./, '')}\n${v.type}\n${v.value.replace(/\n/g, ' ')}\n`;
}

const SET_TYPES = new Set(['integer', 'unsigned', 'gauge', 'counter', 'timeticks', 'string', 'octet', 'objectid', 'ipaddress']);
let pending: string[] = [];
let buf = '';
process.stdin.setEncoding('latin1');
process.stdin.on('data', (chunk: string) => {
  buf += chunk;
  if (buf.length > 1 << 20) process.exit(1); // snmpd never sends this much: not our peer
  let i;
  while ((i = buf.indexOf('\n')) >= 0) {
    pending.push(buf.slice(0, i));
    buf = buf.slice(i + 1);
    step();
  }
});
process.stdin.on('end', () => process.exit(0));

function step(): void {
  const cmd = pending[0];
  if (cmd === 'PING') { pending.shift(); process.stdout.write('PONG\n'); return; }
  if (cmd === '') { pending.shift(); return; }
  if (cmd === 'get' || cmd === 'getnext') {
    if (pending.length < 2) return;
    const oid = pending[1]!.replace(/^\./, '');
    pending = pending.slice(2);
    if (cmd === 'get') process.stdout.write(answer(oid));
    else {
      const n = walk.next(oid, subtree);
      process.stdout.write(n ? answer(n[0]) : 'NONE\n');
    }
    return;
  }
  if (cmd === 'set') {
    if (pending.length < 3) return;
    const oid = pending[1]!.replace(/^\./, '');
    const [type, ...rest] = pending[2]!.split(' ');
    pending = pending.slice(3);
    let value = rest.join(' ');
    if (type === 'string') value = value.replace(/^"([\s\S]*)"$/, '$1');
    if (setlog) appendFileSync(setlog, `SET .${oid} ${type} ${value}\n`);
    if (!SET_TYPES.has(type!)) { process.stdout.write('wrong-type\n'); return; }
    walk.set(oid, type as WalkType, value);
    process.stdout.write('DONE\n');
    return;
  }
  pending.shift(); // unknown line: drop it
}
