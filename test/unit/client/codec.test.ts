import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeArg, formatRequest, formatRequestUpscli, parseErr, parseReply, echoes, isListBegin, isListEnd, parseTypeWords, trackingId,
} from '../../../src/protocol/client-codec.js';
import { splitName, splitAddr, joinHostPort } from '../../../src/client/splitname.js';
import { upscliStrerror, upscliNameForToken, NutClientError, UPSCLI_ERRORS } from '../../../src/client/errors.js';
import { NutProtocolError } from '../../../src/core/errors.js';
import { defaultConnectTimeout } from '../../../src/client/transport.js';

test('encodeArg quotes only what the tokenizer would split, escapes " \\ #', () => {
  assert.equal(encodeArg('ups.status'), 'ups.status');
  assert.equal(encodeArg(''), '""');
  assert.equal(encodeArg('a b'), '"a b"');
  assert.equal(encodeArg('a=b'), '"a=b"');
  assert.equal(encodeArg('a"b'), 'a\\"b');
  assert.equal(encodeArg('x#y'), 'x\\#y');
  assert.equal(encodeArg('p\\w d'), '"p\\\\w d"');
  assert.equal(formatRequest('GET', 'VAR', 'u', 'ups.status'), 'GET VAR u ups.status\n');
  assert.equal(formatRequest('PASSWORD', 'my secret'), 'PASSWORD "my secret"\n');
  assert.equal(formatRequestUpscli('GET', 'VAR', 'a b', 'c#'), 'GET VAR "a b" c\\#\n');
});

test('reply parsing: ERR, words, parse errors, echo and list framing', () => {
  assert.deepEqual(parseErr('ERR UNKNOWN-UPS'), { code: 'UNKNOWN-UPS' });
  assert.deepEqual(parseErr('ERR ACCESS-DENIED "SSL trust failed"'), { code: 'ACCESS-DENIED', extra: '"SSL trust failed"' });
  assert.equal(parseErr('OK'), undefined);
  assert.deepEqual(parseReply('VAR u ups.status "OL CHRG"'), { kind: 'words', words: ['VAR', 'u', 'ups.status', 'OL CHRG'] });
  assert.deepEqual(parseReply('UPS a "Test \\"q\\" UPS"'), { kind: 'words', words: ['UPS', 'a', 'Test "q" UPS'] });
  assert.equal(parseReply('VAR u x "a#b"').kind, 'parse-error');
  assert.equal(echoes(['VAR', 'U', 'x'], ['var', 'u']), true);
  assert.equal(echoes(['VAR'], ['VAR', 'u']), false);
  assert.equal(isListBegin(['BEGIN', 'LIST', 'VAR', 'u'], ['VAR', 'u']), true);
  assert.equal(isListBegin(['begin', 'list', 'var', 'U'], ['VAR', 'u']), true);
  assert.equal(isListBegin(['BEGIN', 'LIST', 'RW', 'u'], ['VAR', 'u']), false);
  assert.equal(isListEnd(['END', 'LIST', 'whatever']), true);
  assert.equal(isListEnd(['end', 'LIST']), false);
});

test('GET TYPE words', () => {
  assert.deepEqual(parseTypeWords(['RW', 'STRING:16']), { rw: true, enum: false, range: false, number: false, string: 16, words: ['RW', 'STRING:16'] });
  const t = parseTypeWords(['RW', 'ENUM', 'NUMBER']);
  assert.equal(t.enum, true); assert.equal(t.number, true); assert.equal(t.string, undefined);
  assert.equal(parseTypeWords(['RW', 'RANGE', 'NUMBER']).range, true);
});

test('tracking ids are taken only from OK TRACKING <36 chars>', () => {
  assert.equal(trackingId('OK TRACKING 1C41F5E4-24B7-4110-8D1F-821741A49CA4'), '1C41F5E4-24B7-4110-8D1F-821741A49CA4');
  assert.equal(trackingId('OK TRACKING short'), undefined);
  assert.equal(trackingId('OK'), undefined);
});

test('splitName follows upscli_splitname (2.8.0)', () => {
  const ok = (s: string) => { const r = splitName(s); assert.ok(r.ok, s); return r.ok ? [r.ups, r.host, r.port] : []; };
  assert.deepEqual(ok('ups'), ['ups', 'localhost', 3493]);
  assert.deepEqual(ok('ups@host'), ['ups', 'host', 3493]);
  assert.deepEqual(ok('ups@host:1234'), ['ups', 'host', 1234]);
  assert.deepEqual(ok('ups@[::1]:1234'), ['ups', '::1', 1234]);
  assert.deepEqual(ok('ups@[::1]'), ['ups', '::1', 3493]);
  assert.deepEqual(ok('ups@[::1]x'), ['ups', '::1', 3493]);
  assert.deepEqual(ok('@host'), ['host', 'host', 3493]);
  assert.deepEqual(ok('ups:34'), ['ups:34', 'localhost', 3493]);
  assert.deepEqual(ok('ups@h:34961abc'), ['ups', 'h', 34961]);
  assert.deepEqual(ok('ups@h: 5'), ['ups', 'h', 5]);
  assert.deepEqual(ok('ups@:34'), ['ups', '34', 34]);
  const bad = (s: string) => { const r = splitName(s); assert.ok(!r.ok, s); return r.ok ? '' : r.message; };
  assert.equal(bad(''), "upscli_splitname: can't parse empty string");
  assert.equal(bad('ups@'), "upscli_splitaddr: can't parse empty string");
  assert.equal(bad('ups@[::1'), 'upscli_splitaddr: missing closing bracket in [domain literal]');
  for (const p of ['', '0', '70000', 'abc', '-1']) assert.equal(bad('ups@h:' + p), "upscli_splitaddr: no port specified after ':' separator");
  assert.match(bad('@'), /empty upsname/);
  assert.match(bad('ups@:'), /empty hostname/);
  assert.match(bad('ups@[]'), /empty hostname/);
  const a = splitAddr('[fe80::1]:99');
  assert.deepEqual(a, { ok: true, host: 'fe80::1', port: 99 });
  assert.equal(joinHostPort('::1', 5), '[::1]:5');
  assert.equal(joinHostPort('h', 5), 'h:5');
});

test('upscli_strerror texts and ERR token mapping', () => {
  assert.equal(upscliStrerror(new NutProtocolError('UNKNOWN-UPS')), 'Unknown UPS');
  assert.equal(upscliStrerror(new NutProtocolError('VAR-NOT-SUPPORTED')), 'Variable not supported by UPS');
  assert.equal(upscliStrerror(new NutProtocolError('DATA-STALE', 'x')), 'Data stale');
  assert.equal(upscliStrerror(new NutProtocolError('DRIVER-NOT-CONNECTED')), 'Driver not connected');
  assert.equal(upscliStrerror(new NutProtocolError('FEATURE-NOT-CONFIGURED')), 'Unknown error');
  assert.equal(upscliStrerror(new NutProtocolError('INVALID-ARGUMENT')), 'Unknown error');
  assert.equal(upscliNameForToken('ALREADY-SET-USERNAME'), 'USERSETTWICE');
  assert.equal(new NutClientError('CONNFAILURE', 'Connection refused').message, 'Connection failure: Connection refused');
  assert.equal(new NutClientError('SRVDISC').message, 'Server disconnected');
  assert.equal(new NutClientError('PROTOCOL').errno, 42);
  assert.equal(Object.keys(UPSCLI_ERRORS).length, 43);
});

test('NUT_DEFAULT_CONNECT_TIMEOUT', () => {
  assert.equal(defaultConnectTimeout({}, 10000), 10000);
  assert.equal(defaultConnectTimeout({ NUT_DEFAULT_CONNECT_TIMEOUT: '2.5' }, 10000), 2500);
  assert.equal(defaultConnectTimeout({ NUT_DEFAULT_CONNECT_TIMEOUT: '0' }, 10000), undefined);
  assert.equal(defaultConnectTimeout({ NUT_DEFAULT_CONNECT_TIMEOUT: 'x' }, 10000), 10000);
});
