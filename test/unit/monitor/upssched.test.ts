import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimerQueue } from '../../../src/monitor/upsschedtimers.js';
import { UpsschedDaemon } from '../../../src/monitor/upsschedd.js';
import { Logger } from '../../../src/core/logger.js';

test('timers: START accumulates duplicates, CANCEL removes all of a name, due() in order', () => {
  const q = new TimerQueue();
  q.start('a', 10, 100.7, { notifyType: 'ONBATT', upsName: 'u1' });
  q.start('a', 20, 100, { notifyType: 'ONBATT', upsName: 'u2' });
  q.start('b', 5, 100);
  assert.deepEqual(q.due(104.9).map((t) => t.name), []);
  assert.deepEqual(q.due(105).map((t) => t.name), ['b']);
  assert.equal(q.cancel('a'), 2);
  assert.equal(q.timers.length, 0);
});

test('timers: START-SHARED joins the first timer, keeps its expiry; CANCEL-MATCHED checks sets', () => {
  const q = new TimerQueue();
  q.startShared('s', 30, 1000, { notifyType: 'ONBATT', upsName: 'u1', notifyMsg: 'm1' });
  const r = q.startShared('s', 99, 1010, { notifyType: 'ONBATT', upsName: 'u2', notifyMsg: 'm2' });
  assert.equal(r.joined, true);
  assert.equal(q.timers.length, 1);
  assert.equal(q.timers[0]!.at, 1030);
  assert.deepEqual(q.timers[0]!.upsNames, ['u1', 'u2']);
  assert.deepEqual(q.list(1020), ['s\t1030\t10\tONBATT\tu1,u2\tm1.\tm2']);
  assert.equal(q.cancelMatched('s', 'ONLINE', 'u1'), 0);
  assert.equal(q.cancelMatched('s', 'ONBATT', 'u3'), 0);
  assert.equal(q.cancelMatched('s', 'ONBATT', 'u2'), 1);
  q.start('e', 1, 0);
  assert.deepEqual(q.list(0), ['e\t1\t1\t""\t""\t""']);
});

test('daemon dispatch: replies and unknown commands', () => {
  const log = new Logger('upssched');
  const lines: string[] = [];
  log.sink = (l) => lines.push(l);
  const d = new UpsschedDaemon({ pipeFn: '/nonexistent', cmdScript: ['/bin/true'], log, now: () => 500 });
  assert.equal(d.dispatch(['START', 't', '5', 'ONBATT', 'ups@h', 'msg']), 'OK\n');
  assert.equal(d.dispatch(['START', 't2', '5']), 'OK\n'); // 2.8.0 clients send 3 tokens
  assert.equal(d.dispatch(['LIST-TIMERS', '', '', '', '', '']), 'BEGIN LIST TIMERS\nt\t505\t5\tONBATT\tups@h\tmsg\nt2\t505\t5\t""\t""\t""\nEND LIST TIMERS\nOK\n');
  assert.equal(d.dispatch(['CANCEL', 't', '']), 'OK\n');
  assert.equal(d.q.timers.length, 1);
  assert.equal(d.dispatch(['BOGUS', 'x']), 'ERR UNKNOWN\n');
  assert.deepEqual(lines, ['Unknown command on socket: ', 'arg 0: BOGUS', 'arg 1: x']);
  assert.equal(d.dispatch(['START', 'neg', '-3']), 'OK\n');
  assert.equal(d.q.timers.length, 1);
});
