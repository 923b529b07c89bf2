// A parseconf-compatible line splitter that remembers where each word
// starts, so `tsnut check` can point at file:line:column. Same rules as
// src/core/tokenizer.ts: blanks separate words, `#` starts a comment outside
// quotes, `"..."` quotes, `\` escapes the next character, `=` is a word
// of its own. Pure.

export interface Word { text: string; col: number }
export interface LexLine { line: number; words: Word[] }
export interface LexError { line: number; col: number; message: string }

export function lex(text: string): { lines: LexLine[]; errors: LexError[] } {
  const lines: LexLine[] = [];
  const errors: LexError[] = [];
  const raw = text.split('\n');
  raw.forEach((s, i) => {
    const n = i + 1;
    if (s.endsWith('\r')) s = s.slice(0, -1);
    const words: Word[] = [];
    let j = 0;
    while (j < s.length) {
      const c = s[j]!;
      if (c === ' ' || c === '\t') { j++; continue; }
      if (c === '#') break;
      const col = j + 1;
      let w = '';
      let quoted = false;
      let bad = false;
      while (j < s.length) {
        const ch = s[j]!;
        if (ch === '\\') {
          if (j + 1 >= s.length) { errors.push({ line: n, col: j + 1, message: 'backslash at the end of the line' }); bad = true; j++; break; }
          w += s[j + 1]; j += 2; continue;
        }
        if (ch === '"') {
          if (quoted) { quoted = false; j++; continue; }
          quoted = true; j++; continue;
        }
        if (!quoted && (ch === ' ' || ch === '\t' || ch === '#')) break;
        // outside quotes '=' is a word of its own (parseconf)
        if (!quoted && ch === '=') { if (w === '') { w = '='; j++; } break; }
        w += ch; j++;
      }
      if (quoted) { errors.push({ line: n, col, message: 'unterminated quote' }); bad = true; }
      if (!bad) words.push({ text: w, col });
      if (bad) break;
    }
    // a line with a syntax error is reported once and not checked further
    if (words.length && !errors.some((e) => e.line === n)) lines.push({ line: n, words });
  });
  return { lines, errors };
}

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const m = a.length, n = b.length;
  const d = Array.from({ length: m + 1 }, (_, i) => [i, ...Array<number>(n).fill(0)]);
  for (let j = 1; j <= n; j++) d[0]![j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[m]![n]!;
}

/** The closest known name (case-insensitive), if close enough to be a typo. */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bd = Infinity;
  const w = word.toLowerCase();
  for (const k of known) {
    const dd = distance(w, k.toLowerCase());
    if (dd < bd) { bd = dd; best = k; }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return bd <= limit ? best : undefined;
}
