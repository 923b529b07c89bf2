import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUpswebConf } from '../../../src/config/upswebconf.js';
import { parseHostsConf } from '../../../src/config/hostsconf.js';

test('upsweb.conf: defaults, LISTEN with and without port, bad lines named by file and line', () => {
  assert.deepEqual(parseUpswebConf('').listen, [{ host: '127.0.0.1', port: 8493, line: 0 }]);
  const c = parseUpswebConf('LISTEN ::1\nLISTEN 0.0.0.0 8080\nPOLLFREQ 5\nHISTORY_DAYS 7\nPOLLFREQ x\nFOO bar\nLISTEN h 99999\n', '/etc/upsweb.conf');
  assert.deepEqual(c.listen.map((l) => [l.host, l.port]), [['::1', 8493], ['0.0.0.0', 8080]]);
  assert.equal(c.pollFreq, 5);
  assert.equal(c.historyDays, 7);
  assert.deepEqual(c.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`), [
    '/etc/upsweb.conf:5: POLLFREQ needs a number of seconds from 0.2 to 3600, got "x"',
    '/etc/upsweb.conf:6: invalid directive FOO bar',
    '/etc/upsweb.conf:7: LISTEN: bad port "99999"',
  ]);
});

test('hosts.conf: MONITOR lines in order, short lines and other directives ignored', () => {
  const h = parseHostsConf('MONITOR a@localhost "First UPS"\nMONITOR short\n# c\nMONITOR b@h:3494 Second\nCUSTOM_TEMPLATE_LIST my.html\nOTHER x y\n');
  assert.deepEqual(h.monitors.map((m) => [m.ups, m.desc, m.line]), [['a@localhost', 'First UPS', 1], ['b@h:3494', 'Second', 4]]);
  assert.deepEqual(h.customTemplateList, ['my.html']);
});
