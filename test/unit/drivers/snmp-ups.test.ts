// snmp-ups engine on the in-memory fake agent: conversions, the walk,
// stale/recovery, SETs; and the pure value formatting.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '../../../src/core/logger.js';
import type { DriverContext } from '../../../src/driver/types.js';
import { makeSnmpUps } from '../../../src/drivers/snmp-ups/index.js';
import { cFixed, formatScaled, octetsToText, strtol0 } from '../../../src/drivers/snmp-ups/convert.js';
import {
  SU_FLAG_OK, SU_FLAG_STATIC, SU_FLAG_NEGINVALID, SU_FLAG_SEMI_STATIC, SU_TYPE_CMD, SU_TYPE_TIME, SU_STATUS_PWR,
  ST_FLAG_RW, ST_FLAG_STRING, type Mib2Nut,
} from '../../../src/drivers/snmp-ups/mib.js';
import { ASN_GAUGE, ASN_INTEGER, ASN_OCTET_STR, ASN_TIMETICKS, FakeSnmpAgent } from '../../../src/transports/snmp.js';

describe('snmp-ups value formatting', () => {
  it('multiplies and prints as 2.8.0 (%i when whole, else %.2f of a float)', () => {
    assert.equal(formatScaled(545, 0.1), '54.50');
    assert.equal(formatScaled(2300, 0.1), '230');
    assert.equal(formatScaled(-1, 1), '-1');
    assert.equal(formatScaled(123, 0.001), '0.12');
    assert.equal(formatScaled(1, 1 / 3), '0.33');
  });
  it('rounds ties to even on the exact binary value, as glibc printf', () => {
    assert.equal(cFixed(0.125, 2), '0.12');
    assert.equal(cFixed(0.375, 2), '0.38');
    assert.equal(cFixed(2.675, 2), '2.67');
    assert.equal(cFixed(-1.5, 0), '-2');
    assert.equal(cFixed(27.25, 1), '27.2');
  });
  it('shows non-printable octet strings in Net-SNMP hex form', () => {
    assert.equal(octetsToText(Buffer.from('abc')), 'abc');
    assert.equal(octetsToText(Buffer.from([0, 1, 0xff])), '00 01 FF ');
    assert.equal(octetsToText(Buffer.alloc(17, 1)).split('\n').length, 2);
  });
  it('strtol base 0', () => {
    assert.equal(strtol0(' 0x1f'), 31);
    assert.equal(strtol0('017'), 15);
    assert.equal(strtol0('-42abc'), -42);
    assert.equal(strtol0('abc'), 0);
  });
});

const TABLE: Mib2Nut = {
  name: 'tiny', version: '0.1', oidPwrStatus: null, oidAutoCheck: null, sysOid: '.1.3.6.1.4.1.9999.1',
  info: [
    { name: 'ups.model', flags: ST_FLAG_STRING, len: 32, oid: '.1.1.1.0', dfl: null, suFlags: SU_FLAG_OK | SU_FLAG_STATIC },
    { name: 'ups.status', flags: ST_FLAG_STRING, len: 32, oid: '.1.1.2.0', dfl: null, suFlags: (SU_FLAG_OK | SU_STATUS_PWR) >>> 0,
      lookup: [{ oid: 2, nut: 'OL' }, { oid: 3, nut: 'OB' }] },
    { name: 'battery.voltage', flags: 0, len: 0.1, oid: '.1.1.3.0', dfl: null, suFlags: SU_FLAG_OK },
    { name: 'battery.runtime', flags: 0, len: 1, oid: '.1.1.4.0', dfl: null, suFlags: SU_FLAG_OK },
    { name: 'ups.temperature', flags: 0, len: 1, oid: '.1.1.5.0', dfl: null, suFlags: SU_FLAG_OK | SU_FLAG_NEGINVALID },
    { name: 'ups.id', flags: ST_FLAG_STRING | ST_FLAG_RW, len: 8, oid: '.1.1.6.0', dfl: null, suFlags: SU_FLAG_OK | SU_FLAG_SEMI_STATIC },
    { name: 'ups.delay.shutdown', flags: ST_FLAG_RW, len: 1, oid: '.1.1.7.0', dfl: null, suFlags: SU_FLAG_OK | SU_TYPE_TIME },
    { name: 'load.off', flags: 0, len: 1, oid: '.1.1.8.0', dfl: '2', suFlags: SU_FLAG_OK | SU_TYPE_CMD },
    { name: 'input.voltage', flags: 0, len: 1, oid: '.1.1.9.0', dfl: null, suFlags: SU_FLAG_OK },
  ],
};

function fakeCtx(opts: Record<string, string>): { ctx: DriverContext; vars: Map<string, string>; cmds: Set<string>; logs: string[]; stale: () => boolean } {
  const vars = new Map<string, string>();
  const cmds = new Set<string>();
  const logs: string[] = [];
  let status: string[] = [];
  let stale = false;
  const log = new Logger('snmp-ups');
  log.toStderr = false;
  (log as unknown as { sink: (l: string) => void }).sink = (l) => logs.push(l);
  const ctx = {
    upsname: 'sim', progname: 'snmp-ups', port: '127.0.0.1:161', log, debugLevel: 0, dumpMode: true, forceShutdown: false,
    pollInterval: 2, store: undefined,
    getval: (n: string) => opts[n], testvar: (n: string) => n in opts,
    setInfo: (n: string, v: string | number) => { vars.set(n, String(v)); }, getInfo: (n: string) => vars.get(n), getRaw: (n: string) => vars.get(n),
    delInfo: (n: string) => { vars.delete(n); }, setFlags() {}, addFlags() {}, delFlags() {}, setAux() {}, addEnum() {}, delEnum() {},
    addRange() {}, delRange() {}, addCmd: (c: string) => { cmds.add(c); }, delCmd: (c: string) => { cmds.delete(c); },
    dataOk: () => { stale = false; }, dataStale: () => { stale = true; }, isStale: () => stale,
    statusInit: () => { status = []; }, statusSet: (t: string) => { status.push(t); }, statusGet: (t: string) => status.includes(t),
    statusCommit: () => { vars.set('ups.status', status.join(' ')); }, alarmInit() {}, alarmSet() {}, alarmCommit() {},
    fatal: (m: string): never => { throw new Error(m); }, sleep: async () => undefined, wakeup() {},
  } as unknown as DriverContext;
  return { ctx, vars, cmds, logs, stale: () => stale };
}

function device(): FakeSnmpAgent {
  return new FakeSnmpAgent('v2c')
    .put('1.3.6.1.2.1.1.2.0', 0x06, '1.3.6.1.4.1.9999.1')
    .put('1.1.1.0', ASN_OCTET_STR, Buffer.from('Tiny UPS'))
    .put('1.1.2.0', ASN_INTEGER, 2)
    .put('1.1.3.0', ASN_GAUGE, 545)
    .put('1.1.4.0', ASN_TIMETICKS, 318000)
    .put('1.1.5.0', ASN_INTEGER, -5)
    .put('1.1.6.0', ASN_OCTET_STR, Buffer.from('r1'))
    .put('1.1.7.0', ASN_TIMETICKS, 9000)
    .put('1.1.8.0', ASN_INTEGER, 0);
}

describe('snmp-ups engine on the fake agent', () => {
  it('mibs=auto by sysObjectID, the walk, conversions and status', async () => {
    const agent = device();
    const drv = makeSnmpUps([TABLE], () => agent);
    const f = fakeCtx({ pollfreq: '0' });
    await drv.initups!(f.ctx);
    await drv.initinfo(f.ctx);
    await drv.updateinfo(f.ctx);
    assert.equal(f.vars.get('driver.version.data'), 'tiny MIB 0.1');
    assert.equal(f.vars.get('ups.model'), 'Tiny UPS');
    assert.equal(f.vars.get('battery.voltage'), '54.50');
    assert.equal(f.vars.get('battery.runtime'), '3180');
    assert.equal(f.vars.get('ups.delay.shutdown'), '90');
    assert.equal(f.vars.get('ups.status'), 'OL');
    assert.equal(f.vars.has('ups.temperature'), false, 'NEGINVALID drops a negative value');
    assert.equal(f.vars.has('input.voltage'), false, 'a missing OID is not published');
    assert.ok(f.cmds.has('load.off'));
    assert.ok(f.logs.some((l) => l === 'Detected Tiny UPS on host 127.0.0.1:161 (mib: tiny 0.1)'), f.logs.join('\n'));
  });

  it('silent agent: stale once per variable, logged; recovery logged', async () => {
    const agent = device();
    const drv = makeSnmpUps([TABLE], () => agent);
    const f = fakeCtx({ mibs: 'tiny', pollfreq: '0' });
    await drv.initups!(f.ctx);
    await drv.initinfo(f.ctx);
    agent.silent = true;
    await new Promise((r) => setTimeout(r, 1100));
    await drv.updateinfo(f.ctx);
    assert.equal(f.stale(), true);
    const staleLines = f.logs.filter((l) => l.includes('data stale for'));
    assert.deepEqual(staleLines, ['[sim] snmp_ups_walk: data stale for ups.status', '[sim] snmp_ups_walk: data stale for battery.voltage',
      '[sim] snmp_ups_walk: data stale for battery.runtime', '[sim] snmp_ups_walk: data stale for ups.delay.shutdown']);
    await new Promise((r) => setTimeout(r, 1100));
    await drv.updateinfo(f.ctx);
    assert.equal(f.logs.filter((l) => l.includes('data stale for')).length, 4, 'not logged again');
    agent.silent = false;
    agent.put('1.1.3.0', ASN_GAUGE, 500);
    await new Promise((r) => setTimeout(r, 1100));
    await drv.updateinfo(f.ctx);
    assert.equal(f.stale(), false);
    assert.equal(f.vars.get('battery.voltage'), '50');
    assert.ok(f.logs.includes('[sim] get_and_process_data: data resumed for battery.voltage'));
  });

  it('SETs: string, TimeTicks (x100), commands with their default, unknown names', async () => {
    const agent = device();
    const drv = makeSnmpUps([TABLE], () => agent);
    const f = fakeCtx({ mibs: 'tiny' });
    await drv.initups!(f.ctx);
    await drv.initinfo(f.ctx);
    assert.equal(await drv.setvar!(f.ctx, 'ups.id', 'rack9'), 0);
    assert.equal(await drv.setvar!(f.ctx, 'ups.delay.shutdown', '120'), 0);
    assert.equal(await drv.setvar!(f.ctx, 'ups.delay.shutdown', 'soon'), 2);
    assert.equal(await drv.instcmd!(f.ctx, 'load.off', undefined), 0);
    assert.equal(await drv.instcmd!(f.ctx, 'no.such', undefined), 1);
    assert.deepEqual(agent.sets, ['1.1.6.0 s rack9', '1.1.7.0 t 12000', '1.1.8.0 i 2']);
    assert.equal(f.vars.get('ups.id'), 'rack9');
  });

  it('fatal errors as the reference: unknown mibs, v3 without secName', async () => {
    const drv = makeSnmpUps([TABLE], () => device());
    await assert.rejects(async () => drv.initups!(fakeCtx({ mibs: 'nope' }).ctx), /Unknown 'mibs' value: nope/);
    await assert.rejects(async () => drv.initups!(fakeCtx({ snmp_version: 'v3' }).ctx), /securityName is required for SNMPv3/);
  });
});
