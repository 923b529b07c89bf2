import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NutClient, NutClientError, NutProtocolError, upscliStrerror } from '../../../src/client/index.js';
import { fakeServer, type Script } from './fake-server.js';

const SCRIPT: Script = {
  VER: 'Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/',
  NETVER: '1.3',
  PROTVER: 'ERR UNKNOWN-COMMAND',
  HELP: 'Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME PASSWORD STARTTLS',
  'LIST UPS': ['BEGIN LIST UPS', 'UPS a "Test \\"quoted\\" UPS"', 'UPS b "Description unavailable"', 'END LIST UPS'],
  'LIST VAR a': ['BEGIN LIST VAR a', 'VAR a battery.charge "90"', 'VAR a ups.status "OL CHRG"', 'END LIST VAR a'],
  'LIST VAR nope': 'ERR UNKNOWN-UPS',
  'LIST VAR stale': 'ERR DATA-STALE',
  'LIST VAR bad': ['BEGIN LIST VAR bad', 'RW bad x "1"', 'END LIST VAR bad'],
  'LIST VAR short': ['BEGIN LIST VAR short', 'VAR short x', 'END LIST VAR short'],
  'LIST VAR empty': ['BEGIN LIST VAR empty', 'END LIST VAR empty'],
  'LIST RW a': ['BEGIN LIST RW a', 'RW a ups.id "my id"', 'END LIST RW a'],
  'LIST CMD a': ['BEGIN LIST CMD a', 'CMD a load.off', 'CMD a test.battery.start', 'END LIST CMD a'],
  'LIST ENUM a input.sensitivity': ['BEGIN LIST ENUM a input.sensitivity', 'ENUM a input.sensitivity "H"', 'ENUM a input.sensitivity "L"', 'END LIST ENUM a input.sensitivity'],
  'LIST RANGE a input.transfer.low': ['BEGIN LIST RANGE a input.transfer.low', 'RANGE a input.transfer.low "80" "100"', 'END LIST RANGE a input.transfer.low'],
  'LIST CLIENT a': ['BEGIN LIST CLIENT a', 'CLIENT a 127.0.0.1', 'CLIENT a ::1', 'END LIST CLIENT a'],
  'GET VAR a ups.status': 'VAR a ups.status "OL CHRG"',
  'GET VAR a battery.charge': 'VAR a battery.charge "90"',
  'GET VAR a ups.nope': 'ERR VAR-NOT-SUPPORTED',
  'GET VAR a wrong.echo': 'VAR a other.var "1"',
  'GET VAR a "x y"': 'VAR a "x y" "spaced"',
  'GET TYPE a ups.id': 'TYPE a ups.id RW STRING:16',
  'GET DESC a battery.charge': 'DESC a battery.charge "Battery charge (percent of full)"',
  'GET CMDDESC a load.off': 'CMDDESC a load.off "Turn off the load immediately"',
  'GET UPSDESC a': 'UPSDESC a "Test UPS"',
  'GET NUMLOGINS a': 'NUMLOGINS a 2',
  'GET TRACKING': 'OFF',
  'GET TRACKING 1C41F5E4-24B7-4110-8D1F-821741A49CA4': 'SUCCESS',
  'GET TRACKING nope': 'ERR FEATURE-NOT-CONFIGURED',
  'USERNAME admin': 'OK',
  'PASSWORD "my secret"': 'OK',
  'PASSWORD bad': 'ERR ALREADY-SET-PASSWORD',
  'LOGIN a': 'OK',
  'PRIMARY a': 'OK PRIMARY-GRANTED',
  'PRIMARY old': 'ERR UNKNOWN-COMMAND',
  'MASTER old': 'OK MASTER-GRANTED',
  'MASTER a': 'OK MASTER-GRANTED',
  'FSD a': 'OK FSD-SET',
  'SET VAR a ups.id "new \\"id\\""': 'OK TRACKING 1C41F5E4-24B7-4110-8D1F-821741A49CA4',
  'SET VAR a ups.id "x"': 'ERR ACCESS-DENIED',
  'SET TRACKING ON': 'OK',
  'INSTCMD a load.off': 'OK',
  'INSTCMD a load.off "10 20"': 'OK',
  'INSTCMD a nope': 'ERR CMD-NOT-SUPPORTED',
  STARTTLS: 'ERR FEATURE-NOT-CONFIGURED',
  LOGOUT: 'OK Goodbye',
};

test('every protocol method against a scripted server', async () => {
  const fs = await fakeServer(SCRIPT);
  try {
    const c = await NutClient.connect({ host: '127.0.0.1', port: fs.port });
    assert.equal(await c.ver(), 'Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/');
    assert.equal(await c.netVer(), '1.3');
    assert.equal(await c.protVer(), '1.3'); // PROTVER refused → NETVER
    assert.match(await c.help(), /^Commands: /);
    assert.deepEqual(await c.listUps(), [{ name: 'a', description: 'Test "quoted" UPS' }, { name: 'b', description: 'Description unavailable' }]);
    assert.deepEqual(await c.listVar('a'), [{ name: 'battery.charge', value: '90' }, { name: 'ups.status', value: 'OL CHRG' }]);
    assert.deepEqual(await c.listVar('empty'), []);
    assert.deepEqual(await c.listRw('a'), [{ name: 'ups.id', value: 'my id' }]);
    assert.deepEqual(await c.listCmd('a'), ['load.off', 'test.battery.start']);
    assert.deepEqual(await c.listEnum('a', 'input.sensitivity'), ['H', 'L']);
    assert.deepEqual(await c.listRange('a', 'input.transfer.low'), [{ min: '80', max: '100' }]);
    assert.deepEqual(await c.listClient('a'), ['127.0.0.1', '::1']);
    assert.equal(await c.getVar('a', 'ups.status'), 'OL CHRG');
    assert.equal(await c.getVar('a', 'x y'), 'spaced');
    const t = await c.getType('a', 'ups.id');
    assert.equal(t.rw, true); assert.equal(t.string, 16);
    assert.equal(await c.getDesc('a', 'battery.charge'), 'Battery charge (percent of full)');
    assert.equal(await c.getCmdDesc('a', 'load.off'), 'Turn off the load immediately');
    assert.equal(await c.getUpsDesc('a'), 'Test UPS');
    assert.equal(await c.getNumLogins('a'), 2);
    assert.equal(await c.getTrackingMode(), false);
    assert.equal(await c.getTracking('1C41F5E4-24B7-4110-8D1F-821741A49CA4'), 'SUCCESS');
    await assert.rejects(c.getTracking('nope'), (e: unknown) => e instanceof NutProtocolError && e.code === 'FEATURE-NOT-CONFIGURED');
    await c.authenticate('admin', 'my secret');
    assert.equal(await c.login('a'), 'OK');
    assert.equal(await c.primary('a'), 'OK PRIMARY-GRANTED');
    assert.equal(await c.primary('old'), 'OK MASTER-GRANTED');
    assert.equal(await c.master('a'), 'OK MASTER-GRANTED');
    assert.equal(await c.fsd('a'), 'OK FSD-SET');
    await c.setTracking(true);
    assert.deepEqual(await c.setVar('a', 'ups.id', 'new "id"'), { reply: 'OK TRACKING 1C41F5E4-24B7-4110-8D1F-821741A49CA4', trackingId: '1C41F5E4-24B7-4110-8D1F-821741A49CA4' });
    assert.equal(await c.waitTracking('1C41F5E4-24B7-4110-8D1F-821741A49CA4'), 'SUCCESS');
    assert.deepEqual(await c.instcmd('a', 'load.off'), { reply: 'OK' });
    assert.deepEqual(await c.instcmd('a', 'load.off', '10 20'), { reply: 'OK' });
    assert.equal(await c.logout(), 'OK Goodbye');
    assert.equal(c.closed, true);
    assert.ok(fs.received.includes('PASSWORD "my secret"'));
  } finally {
    await fs.close();
  }
});

test('ERR replies become NutProtocolError with the code; framing faults are PROTOCOL errors', async () => {
  const fs = await fakeServer(SCRIPT);
  try {
    const c = await NutClient.connect(`127.0.0.1:${fs.port}`);
    const code = (e: unknown) => (e as { code: string }).code;
    await assert.rejects(c.listVar('nope'), (e) => e instanceof NutProtocolError && code(e) === 'UNKNOWN-UPS' && upscliStrerror(e) === 'Unknown UPS');
    await assert.rejects(c.listVar('stale'), (e) => code(e) === 'DATA-STALE' && upscliStrerror(e) === 'Data stale');
    await assert.rejects(c.getVar('a', 'ups.nope'), (e) => code(e) === 'VAR-NOT-SUPPORTED');
    await assert.rejects(c.getVar('a', 'wrong.echo'), (e) => e instanceof NutClientError && code(e) === 'PROTOCOL' && e.message === 'Protocol error');
    await assert.rejects(c.listVar('bad'), (e) => code(e) === 'PROTOCOL');
    await assert.rejects(c.listVar('short'), (e) => code(e) === 'PROTOCOL');
    await assert.rejects(c.setVar('a', 'ups.id', 'x'), (e) => code(e) === 'ACCESS-DENIED' && upscliStrerror(e) === 'Access denied');
    await assert.rejects(c.instcmd('a', 'nope'), (e) => code(e) === 'CMD-NOT-SUPPORTED' && upscliStrerror(e) === 'Instant command not supported');
    await assert.rejects(c.password('bad'), (e) => code(e) === 'ALREADY-SET-PASSWORD');
    // the connection is still usable after errors
    assert.equal(await c.getVar('a', 'ups.status'), 'OL CHRG');
    await c.close();
  } finally {
    await fs.close();
  }
});

test('pipelining: N requests go out in one write and replies match in order', async () => {
  const fs = await fakeServer(SCRIPT);
  try {
    const c = await NutClient.connect({ host: '127.0.0.1', port: fs.port });
    const before = fs.chunks;
    const [v, l, b, m] = await Promise.all([
      c.getVar('a', 'ups.status'), c.listVar('a'), c.getVar('a', 'battery.charge'),
      c.getVars('a', ['ups.status', 'ups.nope', 'battery.charge']),
    ]);
    assert.equal(v, 'OL CHRG');
    assert.equal(l.length, 2);
    assert.equal(b, '90');
    assert.equal(m.get('ups.status'), 'OL CHRG');
    assert.ok(m.get('ups.nope') instanceof NutProtocolError);
    assert.equal(m.get('battery.charge'), '90');
    assert.equal(fs.chunks - before, 1, 'all six requests in one segment');
    await c.close();
  } finally {
    await fs.close();
  }
});

test('read timeout → Server disconnected, connection closed, later calls fail', async () => {
  const fs = await fakeServer({ ...SCRIPT, 'GET VAR a slow.var': () => undefined });
  try {
    const c = await NutClient.connect({ host: '127.0.0.1', port: fs.port, readTimeout: 200 });
    const t0 = Date.now();
    await assert.rejects(c.getVar('a', 'slow.var'), (e) => e instanceof NutClientError && e.code === 'SRVDISC' && e.message === 'Server disconnected');
    assert.ok(Date.now() - t0 >= 150);
    assert.equal(c.closed, true);
    await assert.rejects(c.ver(), (e) => (e as NutClientError).code === 'SRVDISC');
    // and, like libupsclient, it still said goodbye
    const { waitFor } = await import('../../helpers/ref.js');
    await waitFor(() => fs.received.includes('LOGOUT'), 3000, 20);
  } finally {
    await fs.close();
  }
});

test('server closing mid-list rejects pending requests with SRVDISC', async () => {
  const fs = await fakeServer({ 'LIST VAR a': (_l, s) => { s.end('BEGIN LIST VAR a\nVAR a x "1"\n'); return undefined; } });
  try {
    const c = await NutClient.connect({ host: '127.0.0.1', port: fs.port });
    await assert.rejects(c.listVar('a'), (e) => (e as NutClientError).code === 'SRVDISC');
  } finally {
    await fs.close();
  }
});

test('over-long reply line is a protocol error, not unbounded buffering', async () => {
  const fs = await fakeServer({ VER: 'x'.repeat(5000) });
  try {
    const c = await NutClient.connect({ host: '127.0.0.1', port: fs.port, maxLineLength: 1000 });
    await assert.rejects(c.ver(), (e) => (e as NutClientError).code === 'PROTOCOL');
  } finally {
    await fs.close();
  }
});

test('an ERR inside a list ends it at once; listPartial keeps the items before it', async () => {
  const fs = await fakeServer({ 'LIST VAR a': ['BEGIN LIST VAR a', 'VAR a x.y "1"', 'ERR DATA-STALE'], 'LIST VAR b': ['begin list var b', 'VAR b x.y "2"', 'END  LIST VAR b'] });
  try {
    const c = await NutClient.connect({ host: '127.0.0.1', port: fs.port });
    const t0 = Date.now();
    const r = await c.listPartial('VAR', 'a');
    assert.deepEqual(r.items, [['x.y', '1']]);
    assert.equal((r.error as NutProtocolError).code, 'DATA-STALE');
    assert.ok(Date.now() - t0 < 2000);
    assert.deepEqual(await c.listVar('b'), [{ name: 'x.y', value: '2' }]);
    await c.close();
  } finally {
    await fs.close();
  }
});

test('an endless list is cut off at maxListItems', async () => {
  const items = Array.from({ length: 50 }, (_, i) => `VAR a v${i}.x "1"`);
  const fs = await fakeServer({ 'LIST VAR a': ['BEGIN LIST VAR a', ...items] });
  try {
    const c = await NutClient.connect({ host: '127.0.0.1', port: fs.port, maxListItems: 10 });
    await assert.rejects(c.listVar('a'), (e) => (e as NutClientError).code === 'PROTOCOL');
    assert.equal(c.closed, true);
  } finally {
    await fs.close();
  }
});

test('connect errors: refused, no such host', async () => {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  await assert.rejects(NutClient.connect({ host: '127.0.0.1', port }),
    (e) => e instanceof NutClientError && e.code === 'CONNFAILURE' && e.message === 'Connection failure: Connection refused');
  await assert.rejects(NutClient.connect({ host: 'no-such-host.invalid', port: 1 }),
    (e) => e instanceof NutClientError && e.code === 'NOSUCHHOST' && e.message === 'No such host');
});

test('STARTTLS declined: try falls back to plaintext, require fails with SSLFAIL', async () => {
  const fs = await fakeServer(SCRIPT);
  try {
    const c = await NutClient.connect({ host: '127.0.0.1', port: fs.port, tls: 'try' });
    assert.equal(c.secure, false);
    assert.equal(await c.getVar('a', 'ups.status'), 'OL CHRG');
    await c.close();
    await assert.rejects(NutClient.connect({ host: '127.0.0.1', port: fs.port, tls: 'require' }),
      (e) => e instanceof NutClientError && e.code === 'SSLFAIL' && e.message === 'SSL is not available');
    assert.equal(fs.received.filter((l) => l === 'STARTTLS').length, 2);
  } finally {
    await fs.close();
  }
});

test('Unix socket form speaks the same protocol', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-cl-'));
  const path = join(dir, 'upsd.sock');
  const fs = await fakeServer(SCRIPT, { path });
  try {
    const c = await NutClient.connect({ socketPath: path });
    assert.equal(await c.getVar('a', 'ups.status'), 'OL CHRG');
    await c.close();
    await assert.rejects(NutClient.connect({ socketPath: join(dir, 'none') }), (e) => (e as NutClientError).message === 'Connection failure: No such file or directory');
  } finally {
    await fs.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
