// POSIX getopt() with a leading '+' (stop at the first non-option), as the
// NUT programs use it. Pure: argv in, options + error text out. Error texts
// are glibc's, prefixed by the program path the caller passes.

export interface GetoptOption { opt: string; arg?: string }
export interface GetoptResult {
  options: GetoptOption[];
  rest: string[];
  /** glibc diagnostic for the first bad option, e.g. "invalid option -- 'Z'" */
  error?: { opt: string; message: string };
}

export function getopt(argv: readonly string[], spec: string): GetoptResult {
  const takesArg = new Map<string, boolean>();
  const s = spec.replace(/^[+:]+/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === ':') continue;
    takesArg.set(c, s[i + 1] === ':');
  }
  const options: GetoptOption[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const needs = takesArg.get(c);
      if (needs === undefined) {
        return { options, rest: argv.slice(i + 1), error: { opt: c, message: `invalid option -- '${c}'` } };
      }
      if (!needs) { options.push({ opt: c }); continue; }
      if (j + 1 < a.length) { options.push({ opt: c, arg: a.slice(j + 1) }); break; }
      if (i + 1 < argv.length) { options.push({ opt: c, arg: argv[++i]! }); break; }
      return { options, rest: [], error: { opt: c, message: `option requires an argument -- '${c}'` } };
    }
  }
  return { options, rest: argv.slice(i) };
}
