// XML pages of the card as a stream of element events, the way 2.8.0's
// neon/libxml2 parser hands them to the MGE XML callbacks: start (with the
// attributes in document order), character data, end. The document is
// checked first (fast-xml-parser's validator, plus the one-root rule it does
// not check), then walked; a broken page gives no events and an error text in
// libxml2's words for the common cases (empty page, text, extra content,
// truncated page), fast-xml-parser's otherwise.

import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlHandler {
  start(name: string, attrs: readonly [string, string][]): void;
  cdata(text: string): void;
  end(name: string): void;
}

/** Longest page we parse: cards' pages are a few kB. */
export const MAX_PAGE = 1 << 20;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class XmlError extends Error {}

/** replace entity and character references (libxml2 substitutes them) */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (_m, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!Number.isFinite(cp) || cp < 1 || cp > 0x10ffff) throw new XmlError(`xmlParseCharRef: invalid xmlChar value ${cp}`);
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[ref];
    if (v === undefined) throw new XmlError(`Entity '${ref}' not defined`);
    return v;
  });
}

const lineAt = (text: string, offset: number) => text.slice(0, Math.max(0, offset)).split('\n').length;

/** The text of a page: ISO-8859-1 when its declaration says so (as the cards write), UTF-8 otherwise. */
export function pageText(body: Buffer): string {
  const head = body.subarray(0, 200).toString('latin1');
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  const enc = m?.[1]?.toLowerCase();
  return enc === 'iso-8859-1' || enc === 'latin1' || enc === 'us-ascii' ? body.toString('latin1') : body.toString('utf8');
}

/** Offset of the second top-level element, if any (libxml2: "Extra content at the end of the document"). */
function extraRoot(text: string): number {
  let depth = 0;
  let roots = 0;
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/?[^>]*>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const t = m[0];
    if (t.startsWith('<!') || t.startsWith('<?')) continue;
    if (t.startsWith('</')) { depth--; continue; }
    if (depth === 0 && ++roots === 2) return m.index;
    if (!t.endsWith('/>')) depth++;
  }
  return -1;
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  cdataPropName: '#cdata',
  commentPropName: false,
});

/**
 * Parses `text` and feeds `h`. Returns null, or the error as neon reports it
 * ("XML parse error at line N: ..." — the caller prefixes "Could not parse
 * response: "). Errors thrown by the handler propagate.
 */
export function parseXml(text: string, h: XmlHandler): string | null {
  const fail = (line: number, msg: string) => `XML parse error at line ${line}: ${msg}\n`;
  const start = text.search(/\S/);
  if (start < 0) return fail(1, 'Extra content at the end of the document');
  if (text[start] !== '<') return fail(1, 'Document is empty');
  const v = XMLValidator.validate(text);
  if (v !== true) {
    const e = v.err;
    if (/^Unclosed tag/.test(e.msg)) return fail(lineAt(text, text.length), 'Extra content at the end of the document');
    if (/root node/i.test(e.msg)) return fail(e.line, 'Extra content at the end of the document');
    return fail(e.line, e.msg);
  }
  const extra = extraRoot(text);
  if (extra >= 0) return fail(lineAt(text, extra), 'Extra content at the end of the document');
  let tree: Node[];
  try {
    tree = parser.parse(text) as Node[];
  } catch (e) {
    return fail(1, e instanceof Error ? e.message : String(e));
  }
  // decode everything before the first event: a bad reference means no events at all
  type Ev = ['s', string, [string, string][]] | ['c', string] | ['e', string];
  const events: Ev[] = [];
  const walk = (nodes: Node[]): void => {
    for (const n of nodes) {
      for (const [k, val] of Object.entries(n)) {
        if (k === ':@') continue;
        if (k === '#text') { events.push(['c', decode(String(val))]); continue; }
        if (k === '#cdata') { for (const c of val as Node[]) events.push(['c', String(c['#text'] ?? '')]); continue; }
        const attrs = Object.entries(n[':@'] ?? {}).map(([a, av]): [string, string] => [a, decode(String(av))]);
        events.push(['s', k, attrs]);
        walk(val as Node[]);
        events.push(['e', k]);
      }
    }
  };
  try {
    walk(tree);
  } catch (e) {
    if (e instanceof XmlError) return fail(1, e.message);
    throw e;
  }
  for (const ev of events) {
    if (ev[0] === 's') h.start(ev[1], ev[2]);
    else if (ev[0] === 'c') h.cdata(ev[1]);
    else h.end(ev[1]);
  }
  return null;
}
