// netxml-ups against the reference /lib/nut/netxml-ups (package nut-xml), both
// on the project's card simulator (test/sims/netxml.ts): the same variables,
// log lines, exit codes and HTTP requests, for healthy cards of several kinds
// and for broken ones (HTTP errors, slow and garbage pages, wrong passwords).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultModel, type NetxmlModel, type RecordedRequest } from '../sims/netxml.js';
import { haveRefNetxml, netxmlDaemon, netxmlDump, type NetxmlDump, type NetxmlSetup } from '../sims/netxml-run.js';
import { waitFor } from '../helpers/ref.js';

const skip = !haveRefNetxml;

const req = (r: RecordedRequest) => `${r.method} ${r.url} ua=${r.userAgent} auth=${r.authorization ?? '-'} ct=${r.contentType ?? '-'} ${JSON.stringify(r.body)}`;

/** both drivers on their own copy of the card: everything a user sees must match */
async function same(setup: NetxmlSetup, args: string[] = ['-d', '1'], opts: { log?: (s: string) => string } = {}): Promise<{ ref: NetxmlDump; ours: NetxmlDump }> {
  const [ref, ours] = await Promise.all([netxmlDump('ref', setup, args), netxmlDump('ours', setup, args)]);
  const log = opts.log ?? ((s: string) => s);
  assert.deepEqual(ours.vars, ref.vars, `variables differ\nref log: ${ref.log}\nour log: ${ours.log}`);
  assert.equal(ours.code, ref.code, `exit code\nref log: ${ref.log}\nour log: ${ours.log}`);
  assert.equal(log(ours.log), log(ref.log), 'log differs');
  assert.deepEqual(ours.requests.map(req), ref.requests.map(req), 'requests differ');
  return { ref, ours };
}

/** the default card with some objects changed (value null: object removed) */
function card(changes: Record<string, string | null>, product?: [string, string][]): () => NetxmlModel {
  return () => {
    const m = defaultModel();
    if (product) m.product = product;
    for (const [k, v] of Object.entries(changes)) {
      for (const list of [m.summary, m.getObject]) {
        const i = list.findIndex(([n]) => n === k);
        if (i >= 0) list.splice(i, 1);
      }
      if (v !== null) m.summary.push([k, v]);
    }
    return m;
  };
}

test('a healthy card: same variables, log, exit code and requests as 2.8.0', { skip }, async () => {
  const { ours } = await same({});
  assert.ok(ours.vars.includes('ups.status: OL CHRG'), ours.vars.join('\n'));
  assert.ok(ours.vars.includes('battery.capacity: 5.00'));
  assert.ok(ours.vars.includes('input.phases: 1'));
  assert.equal(ours.code, 0);
});

test('debug output (-D -D): the same lines, in the same order', { skip }, async () => {
  const { ours } = await same({}, ['-D', '-D', '-d', '1']);
  assert.match(ours.log, /\[D2\] netxml_get_page: \/upsprop\.xml/);
});

const VARIANTS: [string, NetxmlSetup, string[]?][] = [
  ['on battery, low, NMC charging+discharging bug', { model: card({
    'UPS.PowerSummary.PresentStatus.ACPresent': '0', 'UPS.PowerSummary.PresentStatus.Discharging': '1',
    'UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit': '1', 'UPS.PowerSummary.RemainingCapacity': '9',
  }) }],
  ['alarms: replace battery, overload, fan, heat, faults, no battery, charger', { model: card({
    'UPS.PowerSummary.PresentStatus.NeedReplacement': '1', 'UPS.PowerSummary.PresentStatus.Overload': '1',
    'UPS.PowerSummary.PresentStatus.FanFailure': '1', 'UPS.PowerSummary.PresentStatus.OverTemperature': '1',
    'UPS.PowerSummary.PresentStatus.InternalFailure': '1', 'UPS.PowerSummary.PresentStatus.CommunicationLost': '1',
    'UPS.BatterySystem.Battery.PresentStatus.Present': '0', 'UPS.BatterySystem.Charger.PresentStatus.InternalFailure': 'Yes',
    'UPS.BatterySystem.Charger.PresentStatus.VoltageTooLow': '1', 'UPS.BatterySystem.Charger.PresentStatus.VoltageTooHigh': '1',
    'UPS.PowerConverter.Input[1].PresentStatus.FuseFault': '1',
  }) }],
  ['bypass, trim, boost, input out of range', { model: card({
    'UPS.PowerConverter.Input[2].PresentStatus.Used': '1', 'UPS.PowerConverter.Input[4].PresentStatus.Used': '1',
    'UPS.PowerConverter.Input[1].PresentStatus.Buck': '1', 'UPS.PowerConverter.Input[1].PresentStatus.Boost': '1',
    'UPS.PowerConverter.Input[1].PresentStatus.FrequencyOutOfRange': 'yes',
  }) }],
  ['shutdown imminent from the shutdown delay, calibration, UPS off', { model: card({
    'UPS.PowerSummary.DelayBeforeShutdown': '60', 'UPS.BatterySystem.Battery.Test': '5',
    'UPS.PowerSummary.PresentStatus.Good': '0', 'UPS.PowerConverter.Input[1].PresentStatus.VoltageOutOfRange': '1',
  }) }],
  ['shutdown imminent from RunTimeToShutdown, delay above shutdown_duration', { model: card({
    'UPS.PowerSummary.DelayBeforeShutdown': '300', 'System.RunTimeToShutdown': '0',
  }) }, ['-d', '1', '-x', 'shutdown_duration=200']],
  ['three phases, deci conversions', { model: card({
    'UPS.PowerConverter.Input[1].Voltage': null, 'UPS.PowerConverter.Input[1].Phase[1].Voltage': '231',
    'UPS.PowerConverter.Input[1].Phase[2].Voltage': '229', 'UPS.PowerConverter.Input[1].Phase[3].Voltage': '230',
    'UPS.PowerConverter.Input[1].Phase[1].Current': '125', 'UPS.PowerConverter.Input[1].Phase[2].Current': '0',
    'UPS.PowerConverter.Input[1].Phase[3].Current': '117', 'UPS.PowerConverter.Output.Phase[11].Voltage': '400',
    'UPS.PowerConverter.Output.Phase[22].Voltage': '0', 'UPS.PowerConverter.Output.PowerFactor': '87',
    'UPS.PowerConverter.Input[2].Phase[12].Voltage': '401',
  }) }],
  ['three phases with do_convert_deci', { model: card({
    'UPS.PowerConverter.Input[1].Phase[1].Current': '125', 'UPS.PowerConverter.Input[1].Phase[2].Current': '3',
    'UPS.PowerConverter.Output.Phase[1].Current': '-7', 'UPS.PowerConverter.Output.Phase[11].Voltage': '4005',
  }) }, ['-d', '1', '-x', 'do_convert_deci']],
  ['Transverse card: ambient readings and contacts', { model: card({
    'Environment.PresentStatus.HighHumidity': '1', 'Environment.PresentStatus.LowTemperature': '0',
    'Environment.Temperature': '24', 'Environment.Humidity': '40', 'Environment.Input[1].PresentStatus.State': '1',
    'Environment.Input[2].PresentStatus.State': '4',
  }, [['name', 'Network Management Card'], ['type', 'Transverse'], ['version', 'GB (SN 49EH29101)']]) }],
  ['monitored ePDU: device type and outlets', { model: card({
    'PDU.OutletSystem.Outlet[1].iName': 'A1', 'PDU.OutletSystem.Outlet[1].Current': '12',
    'PDU.OutletSystem.Outlet[2].Current': '0',
  }, [['name', 'Monitored ePDU'], ['type', 'Monitored ePDU'], ['version', 'Version Upgrade']]) }],
  ['odd values: unknown booleans and enums, dates, long text, entities, latin-1', { model: card({
    'UPS.PowerConverter.Input[1].AutomaticRestart': 'x', 'UPS.BatterySystem.Battery.AudibleAlarmControl': '9',
    'UPS.PowerConverter.Output.SensitivityMode': '1', 'System.LastAcquisition': '2016-03-17   13:37:33',
    'UPS.PowerSummary.iModel': 'M'.repeat(200), 'UPS.PowerSummary.iProduct': 'Pulsar \u00c9volution & <Co>',
    'UPS.BatterySystem.Battery.DesignCapacity': '450', 'UPS.PowerSummary.iDeviceChemistry': 'PbAc',
    'UPS.PowerSummary.iDeviceChemistery': 'LiIon',
  }) }],
];

for (const [name, setup, args] of VARIANTS) {
  test(`card variant: ${name}`, { skip }, async () => { await same(setup, args); });
}

test('XML v4 cards are refused as by 2.8.0', { skip }, async () => {
  const { ours } = await same({ model: card({}, [['name', 'PDU Network Management Card'], ['type', 'SCOB'], ['version', '02.00.0036'], ['protocol', 'XML.V4']]) });
  assert.equal(ours.code, 1);
  assert.match(ours.log, /XML v4 protocol is not supported!/);
});

const FAULTS: [string, NetxmlSetup, string[]?][] = [
  ['root page 404', { faults: { '/': { kind: 'status', code: 404 } } }],
  ['root page 500', { faults: { '/': { kind: 'status', code: 500 } } }],
  ['connection refused', { port: () => 'http://127.0.0.1:1' }],
  ['connection closed before the status line', { faults: { '/': { kind: 'close' } } }],
  ['unknown host', { port: () => 'http://nonexistent.invalid' }],
  ['no scheme in port', { port: (s) => `127.0.0.1:${s.port}` }],
  ['timeout below 1', {}, ['-d', '1', '-x', 'timeout=0']],
  ['negative shutdown_duration', {}, ['-d', '1', '-x', 'shutdown_duration=-1']],
  ['negative shutdown_timer', {}, ['-d', '1', '-x', 'shutdown_timer=-5']],
  ['product.xml answered by a 404 page that is XML', { faults: { '/mgeups/product.xml': { kind: 'status', code: 404 } } }],
  ['product.xml empty: the next place is tried', { faults: { '/mgeups/product.xml': { kind: 'status', code: 200, body: '' } } }],
  ['no product page anywhere', { faults: {
    '/mgeups/product.xml': { kind: 'status', code: 200, body: 'hello' }, '/product.xml': { kind: 'status', code: 200, body: '' },
    '/ws/product.xml': { kind: 'status', code: 200, body: '<?xml version="1.0"?>\n<PRODUCT_INFO>' },
  } }],
  ['summary and get-object pages slower than the timeout: stale', { faults: {
    '/upsprop.xml': { kind: 'slow', ms: 2500 }, '/getvalue.cgi': { kind: 'slow', ms: 2500 },
  } }, ['-D', '-D', '-d', '1', '-x', 'timeout=1']],
  ['one page failing is not enough to go stale', { faults: { '/getvalue.cgi': { kind: 'close' } } }, ['-D', '-D', '-d', '1']],
];

for (const [name, setup, args] of FAULTS) {
  test(`fault: ${name}`, { skip }, async () => { await same(setup, args); });
}

test('fault: garbage instead of XML — same exit and requests; the parse error is named', { skip }, async () => {
  // libxml2 and fast-xml-parser word a malformed tag differently: only that text may differ
  const norm = (s: string) => s.replace(/XML parse error at line (\d+): [^\n]*/g, 'XML parse error at line $1: MSG');
  const { ours } = await same({ faults: { '*': { kind: 'garbage' } } }, ['-d', '1'], { log: norm });
  assert.equal(ours.code, 1);
  assert.match(ours.log, /upsdrv_initinfo: communication failure \[Could not parse response: XML parse error at line 2: .+\n\]/);
});

test('login/password: Basic authentication the way 2.8.0 does it (first page lost to the 401 body)', { skip }, async () => {
  const opts = { auth: { login: 'admin', password: 's3cret', body: '<html><body>401</body></html>' } };
  await same({ opts }, ['-D', '-D', '-d', '1', '-x', 'login=admin', '-x', 'password=s3cret']);
  const wrong = await same({ opts }, ['-D', '-D', '-d', '1', '-x', 'login=admin', '-x', 'password=wrong']);
  assert.match(wrong.ours.log, /rejected Basic challenge/);
  assert.ok(!wrong.ours.log.includes('wrong'), 'the password is never logged');
  await same({ opts: { auth: { login: 'admin', password: 's3cret' } } }, ['-d', '1', '-x', 'login=admin', '-x', 'password=s3cret']);
});

test('subscribe: the subscription fails as in 2.8.0 (stale, NSM lost logged, posted again)', { skip }, async () => {
  const { ours } = await same({}, ['-D', '-D', '-d', '1', '-x', 'subscribe'], { log: (s) => s.replace(/^driver\.hostname: .*$/m, '') });
  assert.match(ours.log, /NSM connection with '127\.0\.0\.1' lost/);
  assert.ok(ours.requests.some((r) => r.method === 'POST' && r.url === '/subscribe.cgi' && r.body.includes('<Class>netxml-ups v0.44</Class>')));
});

test('-k: battery.runtime.low=999999999 posted as the SET_OBJECT form, same exit', { skip }, async () => {
  const { ours } = await same({}, ['-k']);
  const post = ours.requests.find((r) => r.method === 'POST');
  assert.ok(post?.body.includes('<OBJECT name="System.RunTimeToEmptyLimit">999999999</OBJECT>'));
  assert.equal(post?.contentType, 'multipart/form-data; boundary=NUT-NETXML-UPS-OBJECTS');
});

/** a daemon of each side, the same socket requests; the POSTs and the answers compared */
async function sameSession(lines: string[]): Promise<void> {
  const result = async (side: 'ref' | 'ours') => {
    const d = await netxmlDaemon(side);
    try {
      const replies: string[] = [];
      for (const l of lines) replies.push((await d.session.request(l)).split('\n').filter((x) => x.startsWith('TRACKING')).join('\n'));
      await new Promise((r) => setTimeout(r, 300));
      return { replies, posts: d.sim.posts().map(req), log: d.proc.stderr().split('\n').filter((l) => /instcmd|setvar/i.test(l)) };
    } finally {
      await d.stop();
    }
  };
  const [ref, ours] = await Promise.all([result('ref'), result('ours')]);
  assert.deepEqual(ours.posts, ref.posts, 'what reached the card');
  assert.deepEqual(ours.replies, ref.replies, 'TRACKING answers');
  assert.deepEqual(ours.log, ref.log, 'log lines');
}

test('SET and INSTCMD on the driver socket: same form posted, same answers and log', { skip }, async () => {
  await sameSession([
    'SET battery.runtime.low "300" TRACKING 1', 'SET ups.delay.shutdown "90"', 'SET ups.load "5" TRACKING 2',
    'INSTCMD load.off TRACKING 3', 'INSTCMD beeper.mute',
  ]);
});

test('stale and back: two pages failing make the data stale, the card coming back makes it fresh (both drivers)', { skip }, async () => {
  for (const side of ['ref', 'ours'] as const) {
    const d = await netxmlDaemon(side, {}, ['-x', 'timeout=1']);
    try {
      const all = () => d.session.dumpAll();
      await waitFor(async () => (await all()).includes('DATAOK'), 15000, 200);
      d.sim.faults.set('/upsprop.xml', { kind: 'status', code: 500, body: 'oops' });
      d.sim.faults.set('/getvalue.cgi', { kind: 'slow', ms: 3000 });
      await waitFor(async () => (await all()).includes('DATASTALE'), 20000, 300);
      d.sim.faults.clear();
      d.sim.set('UPS.PowerSummary.RemainingCapacity', '55');
      await waitFor(async () => {
        const dump = await all();
        return dump.includes('DATAOK') && dump.includes('SETINFO battery.charge "55"');
      }, 20000, 300);
    } finally {
      await d.stop();
    }
  }
});

test('-h: the same help as 2.8.0 (login and password shown as 2.8.0 shows sensitive options)', { skip }, async () => {
  const { run } = await import('../helpers/ref.js');
  const { driverPath } = await import('../sims/driver-run.js');
  const [ref, ours] = await Promise.all([run(driverPath('ref', 'netxml-ups'), ['-h']), run(driverPath('ours', 'netxml-ups'), ['-h'])]);
  assert.equal(ours.stdout + ours.stderr, ref.stdout + ref.stderr);
  assert.equal(ours.code, ref.code);
});

test('https card with a certificate nobody vouches for: refused with neon\'s words, as 2.8.0', { skip }, async () => {
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { execFileSync } = await import('node:child_process');
  const https = await import('node:https');
  const { run } = await import('../helpers/ref.js');
  const { driverPath } = await import('../sims/driver-run.js');
  const dir = mkdtempSync(join(tmpdir(), 'tsnut-netxml-tls-'));
  const server = https.createServer({}, (_q, r) => { r.end('<html/>'); });
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '2', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    server.setSecureContext({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as import('node:net').AddressInfo).port;
    const env = { ...process.env, NUT_STATEPATH: dir, NUT_CONFPATH: dir, NUT_ALTPIDPATH: dir };
    const args = ['-s', 'sim', '-x', `port=https://127.0.0.1:${port}`, '-u', 'root', '-d', '1'];
    const [ref, ours] = await Promise.all([run(driverPath('ref', 'netxml-ups'), args, { env }), run(driverPath('ours', 'netxml-ups'), args, { env })]);
    assert.equal(ours.code, ref.code);
    assert.equal(ours.stderr, ref.stderr);
    assert.match(ours.stderr, /Connectivity test: Server certificate verification failed: issuer is not trusted/);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
