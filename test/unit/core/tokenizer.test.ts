import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tokenizer, tokenizeConfig, tokenizeLine, simpleLine, feedReads } from '../../../src/core/tokenizer.js';

// [input line, expected words] — from config-server.md §1 and net-protocol.md §2
const cases: Array<[string, string[] | { error: string }]> = [
  ['GET VAR ups ups.status', ['GET', 'VAR', 'ups', 'ups.status']],
  ['  get\tvar  u v  ', ['get', 'var', 'u', 'v']],
  ['a"b', ['a"b']],
  ['"ab"cd', ['ab', 'cd']],
  ['k=v', ['k', '=', 'v']],
  ['k = v', ['k', '=', 'v']],
  ['=x', ['=', 'x']],
  ['\\=', ['=']],
  ['my#1ups', ['my']],
  ['"a\\"b"', ['a"b']],
  ['"a\\\\b"', ['a\\b']],
  ['"a\\#b"', ['a#b']],
  ['a\\ b', ['a b']],
  ['""', ['']],
  ['"" x', ['', 'x']],
  ['ups."status"', ['ups."status"']],
  ['"ups.status"x', ['ups.status', 'x']],
  ['"a\tb"', ['ab']],
  ['sd\xc3\xa9gA', ['sdgA']],
  ['x \x80 y', ['x', '', 'y']],
  ['', []],
  ['   ', []],
  ['# comment only', []],
  ['GET VAR u "a#b"', { error: 'Unbalanced word due to unescaped # in quotes' }],
  ['A\r', ['A']],
];

test('tokenizer: table of lines', () => {
  for (const [input, expected] of cases) {
    assert.deepEqual(tokenizeLine(input), expected, JSON.stringify(input));
  }
});

test('tokenizer: 32 words max, 512 chars per word', () => {
  const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
  const r = tokenizeLine(many) as string[];
  assert.equal(r.length, 32);
  assert.equal(r[31], 'w31');
  const long = tokenizeLine('x'.repeat(2000)) as string[];
  assert.equal(long[0]!.length, 512);
});

test('tokenizer: LF inside quotes does not end the line; backslash-LF continues', () => {
  const tok = new Tokenizer();
  const feed = (s: string) => {
    const out = [];
    for (const b of Buffer.from(s, 'latin1')) { const r = tok.push(b); if (r) out.push(r); }
    return out;
  };
  assert.deepEqual(feed('SET "a\nb"\n'), [{ kind: 'line', args: ['SET', 'ab'] }]);
  assert.deepEqual(feed('GET VAR u \\\n ups.status\n'), [{ kind: 'line', args: ['GET', 'VAR', 'u', '', 'ups.status'] }]);
  assert.deepEqual(feed('GET VAR u\\\nps.status\n'), [{ kind: 'line', args: ['GET', 'VAR', 'ups.status'] }]);
});

test('tokenizeConfig: logical line numbers, parse errors, and the lost last word', () => {
  const r = tokenizeConfig('[a]\n  driver = dummy-ups\n desc = "x#y"\nport = 1\nnolock');
  assert.deepEqual(r.errors, [{ line: 3, message: 'Unbalanced word due to unescaped # in quotes' }]);
  // after the error, the rest of the physical line ('y"') becomes a bogus line that swallows until the next quote
  assert.deepEqual(r.lines[0], { line: 1, args: ['[a]'] });
  assert.deepEqual(r.lines[1], { line: 2, args: ['driver', '=', 'dummy-ups'] });
  // a last single word without newline is lost (NUT quirk)
  assert.ok(!r.lines.some((l) => l.args.includes('nolock')));
  const r2 = tokenizeConfig('a = b');
  assert.deepEqual(r2.lines, [{ line: 1, args: ['a', '=', 'b'] }]);
});

test('simpleLine: same words as the state machine whenever it answers, undefined otherwise', () => {
  const alphabet = ['G', 'e', 'T', ' ', ' ', '.', '\t', '"', '\\', '#', '=', '\r', '\x7f', '\xe9', '\x01', '\n', 'a', 'VAR', 'ups.status'];
  let seed = 12345;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const inputs = ['GET VAR ups200 ups.status\n', '  LIST  VAR u  \n', '\n', ' \n', 'x\n', 'a b\n', 'GET VAR ups "x"\n', `${'w '.repeat(33)}\n`, `${'w '.repeat(32)}\n`, `${'x'.repeat(511)}\n`, `${'x'.repeat(512)}\n`, 'no newline', 'two\nlines\n'];
  for (let i = 0; i < 5000; i++) {
    let s = '';
    const len = rnd(12);
    for (let j = 0; j < len; j++) s += alphabet[rnd(alphabet.length)];
    inputs.push(s + '\n');
  }
  let fast = 0;
  for (const s of inputs) {
    const buf = Buffer.from(s, 'latin1');
    const got = simpleLine(buf);
    const tok = new Tokenizer();
    const lines: string[][] = [];
    feedReads(tok, buf, (a) => { lines.push(a); }, () => lines.push(['<error>']));
    if (got === undefined) continue;
    fast++;
    assert.equal(lines.length, 1, JSON.stringify(s));
    assert.deepEqual(got, lines[0], JSON.stringify(s));
    assert.ok(tok.idle());
  }
  assert.ok(fast > 500, `fast path taken ${fast} times`);
  assert.equal(simpleLine(Buffer.from('GET VAR ups200 ups.status\n')) !== undefined, true);
  assert.equal(simpleLine(Buffer.from(`${'w '.repeat(33)}\n`)), undefined);
  assert.equal(simpleLine(Buffer.from(`${'x'.repeat(512)}\n`)), undefined);
});
