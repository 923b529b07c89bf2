import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderStatus, type StatusSnapshot } from '../../../src/stack/status.js';
import { sockaddrUn, watchdogMs } from '../../../src/stack/sdnotify.js';

test('tsnut status screen: a dead C driver, a lost UPS seen critical, a shutdown under way', () => {
  const s: StatusSnapshot = {
    pid: 42, started: 1000, now: 1000 + 3725, confPath: '/etc/nut', statePath: '/run/nut', listen: ['127.0.0.1:3493', '[::1]:3493'],
    ups: [
      { name: 'rack', driver: 'usbhid-ups', mode: 'external', running: false, connected: false, stale: true, status: '', logins: 0 },
      { name: 'desk', driver: 'dummy-ups', mode: 'in-process', running: true, connected: true, stale: false, status: 'FSD OB LB', charge: '5', runtime: '59', logins: 1 },
    ],
    clients: [],
    upsmon: { ups: [{ system: 'desk@localhost', primary: true, powerValue: 1, flags: 'OB LB FSD', comm: 'lost', critical: true }], minSupplies: 1, healthy: 0, shuttingDown: true },
    components: [{ name: 'upsweb', status: 'http://127.0.0.1:8080/' }],
  };
  assert.equal(renderStatus(s), [
    'tsnut running (pid 42, up 1h02m); config /etc/nut, state /run/nut',
    'upsd listening on 127.0.0.1:3493, [::1]:3493',
    '',
    'UPS (2)',
    '  NAME  DRIVER          DRIVER STATE  STATUS     CHARGE  RUNTIME  LOGINS',
    '  rack  usbhid-ups (C)  not running   -          -       -        0',
    '  desk  dummy-ups       ok            FSD OB LB  5%      59s      1',
    '',
    'Clients (0)',
    '',
    'upsmon: SHUTDOWN IN PROGRESS (healthy power 0, MINSUPPLIES 1)',
    '  MONITOR         ROLE     POWER  SEES       COMM  CRITICAL',
    '  desk@localhost  primary  1      OB LB FSD  lost  YES',
    'upsweb: http://127.0.0.1:8080/',
    '',
  ].join('\n'));
  assert.match(renderStatus({ ...s, upsmon: undefined }), /\nupsmon: not running \(no upsmon\.conf\)\n/);
});

test('sd_notify addresses and watchdog as sd_notify(3) reads NOTIFY_SOCKET and WATCHDOG_*', () => {
  assert.deepEqual([...sockaddrUn('/run/systemd/notify')!], [1, 0, ...Buffer.from('/run/systemd/notify'), 0]);
  assert.deepEqual([...sockaddrUn('@abs')!], [1, 0, 0, ...Buffer.from('abs')]);
  assert.equal(sockaddrUn('relative'), undefined);
  assert.equal(sockaddrUn('/' + 'x'.repeat(120)), undefined);
  assert.equal(watchdogMs({ WATCHDOG_USEC: '30000000' }), 30000);
  assert.equal(watchdogMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '1' }, 2), undefined);
  assert.equal(watchdogMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '2' }, 2), 30000);
  assert.equal(watchdogMs({}), undefined);
  assert.equal(watchdogMs({ WATCHDOG_USEC: 'x' }), undefined);
});
