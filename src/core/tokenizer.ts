// NUT's "parseconf" word splitter: one state machine shared by config files,
// network requests and driver socket lines (config-server.md §1).
// Pure: feed bytes, get word lists. No I/O.

export const MAX_ARGS = 32;
export const MAX_WORD_LEN = 512;

const enum St {
  FindWordStart,
  FindEol,
  QuoteCollect,
  QcLiteral,
  Collect,
  CollectLiteral,
}

const LF = 0x0a;
const HASH = 0x23; // '#'
const QUOTE = 0x22; // '"'
const BSLASH = 0x5c; // '\\'
const EQUALS = 0x3d; // '='

function isSpace(c: number): boolean {
  // C locale isspace(): space, \t, \n, \v, \f, \r
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

export type FeedResult =
  | { kind: 'line'; args: string[] }
  | { kind: 'error'; message: string; args: string[] };

/**
 * Incremental tokenizer. `push(byte)` returns a result when a logical line
 * ends (LF) or a parse error happens; otherwise undefined.
 */
export class Tokenizer {
  private state: St = St.FindWordStart;
  private args: string[] = [];
  private word: number[] = [];
  private wordStarted = false;
  /** true once any word was committed (or a word started) for the current line */
  private fresh = true;

  /** Between lines: no word, no argument, no quote or escape pending. */
  idle(): boolean {
    return this.state === St.FindWordStart && this.args.length === 0 && !this.wordStarted;
  }

  reset(): void {
    this.state = St.FindWordStart;
    this.args = [];
    this.word = [];
    this.wordStarted = false;
    this.fresh = true;
  }

  private addChar(c: number): void {
    this.wordStarted = true;
    if (c < 0x20 || c > 0x7f) return;
    if (this.word.length >= MAX_WORD_LEN) return;
    this.word.push(c);
  }

  private endOfWord(): void {
    if (this.args.length < MAX_ARGS) this.args.push(String.fromCharCode(...this.word));
    this.word = [];
    this.wordStarted = false;
  }

  private finishLine(): FeedResult {
    const args = this.args;
    this.reset();
    return { kind: 'line', args };
  }

  private fail(message: string): FeedResult {
    this.endOfWord();
    const args = this.args;
    this.reset();
    return { kind: 'error', message, args };
  }

  push(c: number): FeedResult | undefined {
    this.fresh = false;
    switch (this.state) {
      case St.FindWordStart:
        if (c === LF) return this.finishLine();
        if (c === HASH) { this.state = St.FindEol; return; }
        if (isSpace(c)) return;
        if (c === BSLASH) { this.wordStarted = true; this.state = St.CollectLiteral; return; }
        if (c === QUOTE) { this.wordStarted = true; this.state = St.QuoteCollect; return; }
        if (c === EQUALS) { this.addChar(c); this.endOfWord(); return; }
        this.addChar(c);
        this.state = St.Collect;
        return;
      case St.FindEol:
        if (c === LF) return this.finishLine();
        return;
      case St.QuoteCollect:
        if (c === HASH) return this.fail('Unbalanced word due to unescaped # in quotes');
        if (c === QUOTE) { this.endOfWord(); this.state = St.FindWordStart; return; }
        if (c === BSLASH) { this.state = St.QcLiteral; return; }
        this.addChar(c);
        return;
      case St.QcLiteral:
        if (c !== LF) this.addChar(c);
        this.state = St.QuoteCollect;
        return;
      case St.Collect:
        if (c === HASH) { this.endOfWord(); this.state = St.FindEol; return; }
        if (c === LF) { this.endOfWord(); return this.finishLine(); }
        if (isSpace(c)) { this.endOfWord(); this.state = St.FindWordStart; return; }
        if (c === EQUALS) { this.endOfWord(); this.addChar(c); this.endOfWord(); this.state = St.FindWordStart; return; }
        if (c === BSLASH) { this.state = St.CollectLiteral; return; }
        this.addChar(c);
        return;
      case St.CollectLiteral:
        if (c !== LF) this.addChar(c);
        this.state = St.Collect;
        return;
    }
  }

  /**
   * End of file (config files only): a word in progress is kept only if at
   * least one word was already stored on this line (NUT's quirk: a lone last
   * word without a trailing newline is lost).
   */
  end(): string[] | undefined {
    if (this.fresh) return undefined;
    if (this.args.length === 0) { this.reset(); return undefined; }
    if (this.state === St.Collect || this.state === St.CollectLiteral || this.state === St.QuoteCollect || this.state === St.QcLiteral) {
      this.endOfWord();
    }
    const args = this.args;
    this.reset();
    return args;
  }
}

export interface ConfigLine {
  /** logical line number (1-based), as NUT counts them */
  line: number;
  args: string[];
}

export interface ConfigParseError {
  line: number;
  message: string;
}

/**
 * Split a whole config file into logical lines the way pconf_file_next does.
 * Lines with zero words are returned too (callers skip them).
 */
export function tokenizeConfig(text: string | Uint8Array): { lines: ConfigLine[]; errors: ConfigParseError[] } {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  const tok = new Tokenizer();
  const lines: ConfigLine[] = [];
  const errors: ConfigParseError[] = [];
  let lineNo = 1;
  for (let i = 0; i < bytes.length; i++) {
    const r = tok.push(bytes[i]!);
    if (!r) continue;
    if (r.kind === 'line') lines.push({ line: lineNo, args: r.args });
    else errors.push({ line: lineNo, message: r.message });
    lineNo++;
  }
  const last = tok.end();
  if (last) lines.push({ line: lineNo, args: last });
  return { lines, errors };
}

/** Tokenize one complete request/line (convenience for tests and callers holding whole lines). */
export function tokenizeLine(line: string): string[] | { error: string } {
  const tok = new Tokenizer();
  const bytes = Buffer.from(line.endsWith('\n') ? line : line + '\n', 'latin1');
  for (const b of bytes) {
    const r = tok.push(b);
    if (r) return r.kind === 'line' ? r.args : { error: r.message };
  }
  return { error: 'incomplete line' };
}

/** NUT readers take at most this many bytes per read() */
export const READ_CHUNK = 512;

/**
 * Feed received bytes the way NUT's socket readers do: in 512-byte reads,
 * dropping the rest of a read after a parse error. `onLine` may return
 * true to stop consuming (the rest of `buf` is discarded).
 */
export function feedReads(tok: Tokenizer, buf: Uint8Array, onLine: (args: string[]) => boolean | void, onError: (message: string) => void): void {
  for (let off = 0; off < buf.length; off += READ_CHUNK) {
    const end = Math.min(off + READ_CHUNK, buf.length);
    for (let i = off; i < end; i++) {
      const r = tok.push(buf[i]!);
      if (!r) continue;
      if (r.kind === 'error') { onError(r.message); break; }
      if (onLine(r.args)) return;
    }
  }
}

/**
 * Fast path for the common request: one read holding exactly one line of
 * plain words (printable ASCII separated by single or repeated spaces, no
 * quote, backslash, '#', '=' or control byte, at most MAX_ARGS words and one
 * READ_CHUNK) ending in "\n". For such input the state machine above gives
 * exactly these words; anything else returns undefined and goes through it.
 * Only valid while the tokenizer is idle (no partial line carried over).
 */
export function simpleLine(buf: Buffer): string[] | undefined {
  const n = buf.length - 1;
  if (n < 0 || n >= READ_CHUNK || buf[n] !== LF) return undefined;
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = buf[i]!;
    if (c === 0x20) {
      if (start >= 0) { words.push(buf.toString('latin1', start, i)); start = -1; }
      continue;
    }
    if (c < 0x21 || c > 0x7e || c === QUOTE || c === BSLASH || c === HASH || c === EQUALS) return undefined;
    if (start < 0) start = i;
  }
  if (start >= 0) words.push(buf.toString('latin1', start, n));
  return words.length <= MAX_ARGS ? words : undefined;
}
