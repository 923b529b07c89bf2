// Both reference clients and ours against a scripted server, for replies a
// real upsd with dummy-ups cannot produce: ENUM/RANGE variables, odd types,
// old servers, short or broken list items, lists cut off mid-way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { haveReference } from '../helpers/ref.js';
import { runTable } from './client-env.js';
import { fakeServer, type FakeServer } from '../unit/client/fake-server.js';

const RW = ['BEGIN LIST RW u', 'RW u input.sensitivity "M"', 'RW u input.transfer.low "95"', 'RW u ups.id "x"',
  'RW u out.enum "b"', 'RW u odd.type "1"', 'RW u notype.var "1"', 'RW u enumonly.var "q"', 'RW u bad.var "v"', 'END LIST RW u'];
let fs: FakeServer;
const polls = new WeakMap<object, number>();
before(async () => {
  if (!haveReference) return;
  fs = await fakeServer({
    STARTTLS: 'ERR FEATURE-NOT-CONFIGURED',
    LOGOUT: 'OK Goodbye',
    'LIST RW u': RW,
    'GET DESC u input.sensitivity': 'DESC u input.sensitivity "Input power sensitivity"',
    'GET DESC u input.transfer.low': 'DESC u input.transfer.low "Low voltage transfer point (V)"',
    '*': (l) => (l.startsWith('GET DESC') ? 'ERR UNKNOWN-UPS' : undefined),
    'GET TYPE u input.sensitivity': 'TYPE u input.sensitivity RW ENUM STRING:1',
    'GET VAR u input.sensitivity': 'VAR u input.sensitivity "M"',
    'LIST ENUM u input.sensitivity': ['BEGIN LIST ENUM u input.sensitivity', 'ENUM u input.sensitivity "H"', 'ENUM u input.sensitivity "M"', 'ENUM u input.sensitivity "L"', 'END LIST ENUM u input.sensitivity'],
    'GET TYPE u input.transfer.low': 'TYPE u input.transfer.low RW RANGE NUMBER',
    'GET VAR u input.transfer.low': 'VAR u input.transfer.low "95.9"',
    'LIST RANGE u input.transfer.low': ['BEGIN LIST RANGE u input.transfer.low', 'RANGE u input.transfer.low "80" "94"', 'RANGE u input.transfer.low "95" "100"', 'END LIST RANGE u input.transfer.low'],
    'GET TYPE u ups.id': 'TYPE u ups.id RW STRING:16',
    'GET VAR u ups.id': 'VAR u ups.id "x"',
    'GET TYPE u out.enum': 'TYPE u out.enum RW ENUM NUMBER',
    'GET VAR u out.enum': 'VAR u out.enum "b"',
    'LIST ENUM u out.enum': ['BEGIN LIST ENUM u out.enum', 'ENUM u out.enum "a"', 'ENUM u out.enum "b"', 'END LIST ENUM u out.enum'],
    'GET TYPE u odd.type': 'TYPE u odd.type RW WEIRD NUMBER',
    'GET VAR u odd.type': 'VAR u odd.type "1"',
    'GET TYPE u notype.var': 'ERR VAR-NOT-SUPPORTED',
    'GET TYPE u enumonly.var': 'TYPE u enumonly.var RW ENUM',
    'GET VAR u enumonly.var': 'VAR u enumonly.var "q"',
    'LIST ENUM u enumonly.var': ['BEGIN LIST ENUM u enumonly.var', 'ENUM u enumonly.var "q"', 'END LIST ENUM u enumonly.var'],
    'GET TYPE u bad.var': 'TYPE u bad.var RW NUMBER',
    'GET VAR u bad.var': 'ERR DATA-STALE',
    // upsc edge cases
    'LIST VAR old': 'ERR UNKNOWN-COMMAND',
    'GET VAR old x.y': 'ERR UNKNOWN-COMMAND',
    'LIST VAR short': ['BEGIN LIST VAR short', 'VAR short a.b "1"', 'VAR short c.d', 'END LIST VAR short'],
    'LIST VAR cut': ['BEGIN LIST VAR cut', 'VAR cut a.b "1"', 'ERR DATA-STALE'],
    'LIST VAR wrong': ['BEGIN LIST VAR wrong', 'VAR wrong a.b "1"', 'RW wrong c.d "2"', 'END LIST VAR wrong'],
    'LIST VAR nobegin': ['VAR nobegin a.b "1"'],
    'LIST VAR esc': ['BEGIN LIST VAR esc', 'VAR esc a.b "q\\"uote\\\\back"', 'END LIST VAR esc'],
    'GET VAR echo x.y': 'VAR other x.y "1"',
    'LIST CLIENT c': ['BEGIN LIST CLIENT c', 'CLIENT c 127.0.0.1', 'CLIENT c ::1', 'END LIST CLIENT c'],
    'LIST RW old': 'ERR UNKNOWN-COMMAND',
    'LIST CMD old': 'ERR UNKNOWN-COMMAND',
    'LIST CMD c': ['BEGIN LIST CMD c', 'CMD c a.b', 'CMD c c.d', 'END LIST CMD c'],
    'GET CMDDESC c a.b': 'CMDDESC c a.b "First"',
    'GET CMDDESC c c.d': 'ERR UNKNOWN-COMMAND',
    'LIST UPS': ['BEGIN LIST UPS', 'UPS c "C UPS"', 'UPS u "Description unavailable"', 'END LIST UPS'],
    'SET TRACKING ON': 'OK',
    'INSTCMD c slow.cmd': 'OK TRACKING 1C41F5E4-24B7-4110-8D1F-821741A49CA4',
    'INSTCMD c never.cmd': 'OK TRACKING 2C41F5E4-24B7-4110-8D1F-821741A49CA4',
    'INSTCMD c fail.cmd': 'OK TRACKING 3C41F5E4-24B7-4110-8D1F-821741A49CA4',
    'INSTCMD c short.cmd': 'OK TRACKING 123',
    // PENDING once per connection, then SUCCESS
    'GET TRACKING 1C41F5E4-24B7-4110-8D1F-821741A49CA4': (_l, sock) => {
      const n = (polls.get(sock) ?? 0) + 1;
      polls.set(sock, n);
      return n < 2 ? 'PENDING' : 'SUCCESS';
    },
    'GET TRACKING 2C41F5E4-24B7-4110-8D1F-821741A49CA4': 'PENDING',
    'GET TRACKING 3C41F5E4-24B7-4110-8D1F-821741A49CA4': 'ERR FAILED',
    'USERNAME admin': 'OK',
    'PASSWORD secret': 'OK',
    'INSTCMD c a.b': 'OK',
    'INSTCMD c a.b 10': 'OK',
    'SET VAR u ups.id "new \\"v\\""': 'OK',
    'GET VAR c x.y': 'VAR c x.y "v"',
  });
});
after(async () => { await fs?.close(); });

test('upsrw listing: ENUM, RANGE, STRING, NUMBER, unknown and missing types', { skip: !haveReference }, async () => {
  const [p] = await runTable('upsrw', [{ args: [`u@127.0.0.1:${fs.port}`] }], process.env);
  assert.deepEqual(p!.ours, p!.ref);
  assert.match(p!.ours.stdout, /Type: ENUM STRING\nMaximum length: 1\nOption: "H"\nOption: "M" SELECTED\nOption: "L"\n/);
  assert.match(p!.ours.stdout, /Type: RANGE NUMBER\nOption: "80-94"\nOption: "95-100" SELECTED\n/);
  assert.equal(p!.ours.code, 1); // bad.var: do_number can't read the value
});

test('upsc/upscmd/upsrw against odd servers: same output as the reference', { skip: !haveReference }, async () => {
  const H = `127.0.0.1:${fs.port}`;
  const upsc = ['old', 'short', 'cut', 'wrong', 'nobegin', 'esc'].map((u) => ({ args: [`${u}@${H}`] }));
  upsc.push({ args: [`old@${H}`, 'x.y'] }, { args: [`echo@${H}`, 'x.y'] }, { args: ['-c', `c@${H}`] });
  const r1 = await runTable('upsc', upsc, process.env, 3);
  r1.forEach(({ ref, ours }, i) => assert.deepEqual(ours, ref, `upsc ${upsc[i]!.args.join(' ')}`));
  const r2 = await runTable('upscmd', [{ args: ['-l', `old@${H}`] }, { args: ['-l', `c@${H}`] }], process.env, 2);
  r2.forEach(({ ref, ours }) => assert.deepEqual(ours, ref));
  const r3 = await runTable('upsrw', [{ args: [`old@${H}`] }], process.env, 1);
  r3.forEach(({ ref, ours }) => assert.deepEqual(ours, ref));
});

test('bytes on the wire: the same request lines as the reference clients', { skip: !haveReference }, async () => {
  const H = `127.0.0.1:${fs.port}`;
  const wire = async (prog: 'upsc' | 'upscmd' | 'upsrw', args: string[]) => {
    const got: Record<string, string[]> = {};
    for (const who of ['ref', 'ours'] as const) {
      fs.received.length = 0;
      const { run, REF, ourBin, waitFor } = await import('../helpers/ref.js');
      await run(who === 'ref' ? REF[prog] : ourBin(prog), args, { env: process.env });
      // the LOGOUT may land just after the process is gone
      await waitFor(() => fs.received.includes('LOGOUT'), 2000, 20).catch(() => {});
      got[who] = [...fs.received];
    }
    return got as { ref: string[]; ours: string[] };
  };
  let w = await wire('upsc', [`c@${H}`, 'x.y']);
  assert.deepEqual(w.ours, w.ref);
  assert.deepEqual(w.ref, ['STARTTLS', 'GET VAR c x.y', 'LOGOUT']);
  w = await wire('upsc', ['-L', H]);
  assert.deepEqual(w.ours, w.ref);
  w = await wire('upscmd', ['-l', `c@${H}`]);
  assert.deepEqual(w.ours, w.ref);
  w = await wire('upscmd', ['-u', 'admin', '-p', 'secret', `c@${H}`, 'a.b', '10']);
  assert.deepEqual(w.ours, w.ref);
  assert.deepEqual(w.ref, ['USERNAME admin', 'PASSWORD secret', 'INSTCMD c a.b 10', 'LOGOUT']);
  w = await wire('upsrw', ['-s', 'ups.id=new "v"', '-u', 'admin', '-p', 'secret', `u@${H}`]);
  assert.deepEqual(w.ours, w.ref);
  // the listing asks the same questions; ours sends all GET DESCs up front (one round trip)
  w = await wire('upsrw', [`u@${H}`]);
  assert.deepEqual([...w.ours].sort(), [...w.ref].sort());
});

test('upsc when STARTTLS breaks down (server closes, non-TLS after OK STARTTLS, odd reply): same as the reference', { skip: !haveReference }, async () => {
  const net = await import('node:net');
  const { run, REF, ourBin } = await import('../helpers/ref.js');
  const { normalise } = await import('./client-env.js');
  const modes: Record<string, (s: import('node:net').Socket) => void> = {
    close: (s) => s.end(),
    odd: (s) => s.on('data', (d) => {
      const l = d.toString();
      if (l.startsWith('STARTTLS')) s.write('WHAT\n'); else if (l.startsWith('GET')) s.write('VAR h x.y "1"\n');
    }),
    'ok-then-close': (s) => s.on('data', (d) => { if (d.toString().startsWith('STARTTLS')) s.end('OK STARTTLS\n'); }),
    'ok-then-plain': (s) => s.on('data', (d) => {
      if (d.toString().startsWith('STARTTLS')) s.write('OK STARTTLS\n'); else s.end('garbage\n');
    }),
  };
  for (const [name, f] of Object.entries(modes)) {
    const socks = new Set<import('node:net').Socket>();
    const srv = net.createServer((s) => { socks.add(s); s.on('error', () => {}); f(s); });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as import('node:net').AddressInfo).port;
    try {
      const args = [`h@127.0.0.1:${port}`, 'x.y'];
      const [ref, ours] = await Promise.all([
        run(REF.upsc, args).then((r) => normalise(r, REF.upsc)),
        run(ourBin('upsc'), args).then((r) => normalise(r, ourBin('upsc'))),
      ]);
      assert.deepEqual(ours, ref, name);
    } finally {
      for (const s of socks) s.destroy();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  }
});

test('upscmd -w: tracking loop (PENDING → SUCCESS, timeout, malformed id) like the reference', { skip: !haveReference }, async () => {
  const H = `127.0.0.1:${fs.port}`;
  const auth = ['-u', 'admin', '-p', 'secret'];
  const cases = [
    { args: [...auth, '-w', `c@${H}`, 'slow.cmd'] },
    { args: [...auth, '-w', '-t', '2', `c@${H}`, 'never.cmd'] },
    { args: [...auth, '-w', `c@${H}`, 'short.cmd'] },
    { args: [...auth, `c@${H}`, 'slow.cmd'] },
  ];
  const res = await runTable('upscmd', cases, process.env, 2);
  res.forEach(({ ref, ours }, i) => assert.deepEqual(ours, ref, JSON.stringify(cases[i])));
  assert.deepEqual(res[0]!.ours, { code: 0, stdout: '', stderr: 'SUCCESS\n' });
  assert.deepEqual(res[1]!.ours, { code: 1, stdout: '', stderr: "Can't receive status tracking information: timeout\n" });
  // a driver-reported failure: the reference exits 0, we exit 1 (docs/clients.md)
  const [f] = await runTable('upscmd', [{ args: [...auth, '-w', `c@${H}`, 'fail.cmd'] }], process.env);
  assert.deepEqual(f!.ref, { code: 0, stdout: '', stderr: 'ERR FAILED\n' });
  assert.deepEqual(f!.ours, { code: 1, stdout: '', stderr: 'ERR FAILED\n' });
});
