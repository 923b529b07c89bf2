// nut_exporter's mapping, as a pure function of a snapshot.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMetrics, metricName, metricValue } from '../../../src/web/metrics.js';
import type { UpsSnapshot } from '../../../src/web/hub.js';

const u: UpsSnapshot = {
  id: 'x@h', name: 'x', host: 'h', port: 3493, desc: 'd', commands: [], rw: [],
  vars: { 'ups.status': 'OL LB', 'battery.charge': '9', 'input.L1-N.voltage': '231.5', 'ups.beeper.status': 'disabled', 'ups.id': 'a "b"\\', 'device.model': 'M "1"' },
};

test('names: dots and dashes become underscores; values: numbers, on/off words, nothing else', () => {
  assert.equal(metricName('input.L1-N.voltage'), 'network_ups_tools_input_L1_N_voltage');
  assert.equal(metricValue('230.4'), 230.4);
  assert.equal(metricValue(' 12 '), 12);
  assert.equal(metricValue('Enabled'), 1);
  assert.equal(metricValue('off'), 0);
  assert.equal(metricValue('2024/05/01'), undefined);
});

test('one UPS in nut_exporter form: HELP "<desc> (<var>)", status flags, device_info with escaped labels', () => {
  const text = renderMetrics([u], { variables: ['ups.status', 'battery.charge'], statuses: ['OL', 'OB'], describe: (_u, n) => `Desc of ${n}` });
  assert.equal(text, [
    '# HELP network_ups_tools_ups_status Desc of ups.status (ups.status)',
    '# TYPE network_ups_tools_ups_status gauge',
    'network_ups_tools_ups_status{flag="OL"} 1',
    'network_ups_tools_ups_status{flag="LB"} 1',
    'network_ups_tools_ups_status{flag="OB"} 0',
    '# HELP network_ups_tools_battery_charge Desc of battery.charge (battery.charge)',
    '# TYPE network_ups_tools_battery_charge gauge',
    'network_ups_tools_battery_charge 9',
    '# HELP network_ups_tools_device_info UPS Device information',
    '# TYPE network_ups_tools_device_info gauge',
    'network_ups_tools_device_info{model="M \\"1\\"",mfr="",serial="",type="",description="",contact="",location="",part="",macaddr=""} 1',
    '',
  ].join('\n'));
});

test('all UPSes: a ups label on every sample, unreadable UPSes only in tsnut_web_ups_readable', () => {
  const bad: UpsSnapshot = { ...u, id: 'y@h', name: 'y', error: 'Driver not connected' };
  const text = renderMetrics([u, bad], { upsLabel: true, describe: () => 'D' }, { sseClients: 3 });
  assert.match(text, /^network_ups_tools_input_L1_N_voltage\{ups="x"\} 231\.5$/m);
  assert.match(text, /^network_ups_tools_ups_beeper_status\{ups="x"\} 0$/m);
  assert.doesNotMatch(text, /ups_id/);
  assert.doesNotMatch(text, /network_ups_tools_[a-z_]+\{ups="y"/);
  assert.match(text, /^tsnut_web_ups_readable\{ups="y"\} 0$/m);
  assert.match(text, /^tsnut_web_stream_clients 3$/m);
});
