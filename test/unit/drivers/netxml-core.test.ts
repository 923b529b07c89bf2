// netxml-ups pure parts: C formatting as glibc, the XML event stream and its
// libxml2-worded errors, device URLs, the SET_OBJECT form, the subdriver's
// callbacks on a product page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catoi, cfixed, strtok } from '../../../src/drivers/netxml-ups/cfmt.js';
import { pageText, parseXml } from '../../../src/drivers/netxml-ups/xml.js';
import { parseDeviceUrl, setObjectForm } from '../../../src/drivers/netxml-ups/index.js';
import { Bit, MgeXml, St } from '../../../src/drivers/netxml-ups/mge-xml.js';

test('catoi, cfixed and strtok behave as glibc', () => {
  assert.deepEqual(['42', '  -7x', 'x1', '', '+3', '99999999999'].map(catoi), [42, -7, 0, 0, 3, 1215752191]);
  // printf("%.2f") rounds ties to even on the exact binary value; toFixed would give 0.13
  assert.equal(cfixed(0.125, 2), '0.12');
  assert.equal(cfixed(0.375, 2), '0.38');
  assert.equal(cfixed(5, 2), '5.00');
  assert.equal(cfixed(0.1 * Math.fround(125), 1), '12.5');
  assert.equal(cfixed(-0.7, 1), '-0.7');
  assert.deepEqual(strtok('  2016/03/17 13:37:33', ' -'), { token: '2016/03/17', rest: '13:37:33' });
  assert.deepEqual(strtok(' - ', ' -'), { token: null, rest: '' });
});

function events(xml: string): { err: string | null; ev: string[] } {
  const ev: string[] = [];
  const err = parseXml(xml, {
    start: (n, a) => ev.push(`<${n}${a.map(([k, v]) => ` ${k}=${v}`).join('')}>`),
    cdata: (t) => ev.push(JSON.stringify(t)),
    end: (n) => ev.push(`</${n}>`),
  });
  return { err, ev };
}

test('XML pages become start/cdata/end events in document order, references decoded', () => {
  const { err, ev } = events('<?xml version="1.0"?>\n<S><O name="a&amp;b">1 &lt; 2&#33;</O><O name="c"/><![CDATA[x<y]]></S>');
  assert.equal(err, null);
  assert.deepEqual(ev, ['<S>', '<O name=a&b>', '"1 < 2!"', '</O>', '<O name=c>', '</O>', '"x<y"', '</S>']);
});

test('broken pages: no events, and the error in libxml2 words where 2.8.0 users see them', () => {
  const cases: [string, string][] = [
    ['', 'XML parse error at line 1: Extra content at the end of the document\n'],
    ['hello', 'XML parse error at line 1: Document is empty\n'],
    ['<a>x</a><b/>', 'XML parse error at line 1: Extra content at the end of the document\n'],
    ['<?xml version="1.0"?>\n<a>', 'XML parse error at line 2: Extra content at the end of the document\n'],
    ['<a>&nope;</a>', "XML parse error at line 1: Entity 'nope' not defined\n"],
  ];
  for (const [xml, want] of cases) {
    const r = events(xml);
    assert.equal(r.err, want, JSON.stringify(xml));
    assert.deepEqual(r.ev, []);
  }
  assert.match(events('<a><b></a>').err ?? '', /^XML parse error at line 1: /);
});

test('pages declared ISO-8859-1 are read as latin-1, others as UTF-8', () => {
  assert.equal(pageText(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>\xc9</a>', 'latin1')), '<?xml version="1.0" encoding="ISO-8859-1"?><a>\u00c9</a>');
  assert.equal(pageText(Buffer.from('<a>\u00c9</a>', 'utf8')), '<a>\u00c9</a>');
});

test('device URLs as neon parses them', () => {
  assert.deepEqual(parseDeviceUrl('http://10.0.0.5'), { scheme: 'http', host: '10.0.0.5', port: 80 });
  assert.deepEqual(parseDeviceUrl('https://card.example:8443/x'), { scheme: 'https', host: 'card.example', port: 8443 });
  assert.deepEqual(parseDeviceUrl('http://[::1]:81'), { scheme: 'http', host: '::1', port: 81 });
  assert.equal(parseDeviceUrl('10.0.0.5'), null);
});

test('the SET_OBJECT form: XML names of the first matching row, values as given', () => {
  const { body, ok } = setObjectForm([['battery.charge.low', '30'], ['no.such', '1']]);
  assert.equal(ok, false);
  assert.ok(body.startsWith('--NUT-NETXML-UPS-OBJECTS\r\nContent-Disposition: form-data; name="file"; filename="Configuration.xml"\r\n'));
  assert.ok(body.includes('<SET_OBJECT>\r\n  <OBJECT name="UPS.PowerSummary.RemainingCapacityLimitSetting">30</OBJECT>\r\n</SET_OBJECT>\r\n'));
  assert.ok(body.endsWith('--NUT-NETXML-UPS-OBJECTS--\r\n'));
});

test('MGE callbacks: product page attributes, URLs, status bits and static values', () => {
  const info = new Map<string, string>();
  const x = new MgeXml({
    setInfo: (n, v) => info.set(n, v), getInfo: (n) => info.get(n), testvar: () => false,
    notice: () => undefined, debug: () => undefined, fatal: (m) => { throw new Error(m); }, detectPhases: () => undefined,
  });
  const feed = (xml: string) => {
    const stack: number[] = [St.ROOTPARENT];
    assert.equal(parseXml(xml, {
      start: (n, a) => { stack.push(x.startelm(stack[stack.length - 1]!, n, a)); },
      cdata: (t) => x.cdata(stack[stack.length - 1]!, t),
      end: (n) => x.endelm(stack.pop()!, n),
    }), null);
  };
  feed('<PRODUCT_INFO name="NMC" type="Monitored ePDU" version="GB (SN 49EH29101))"><SUMMARY><XML_SUMMARY_PAGE url=" ws/summary.xml junk"/></SUMMARY>' +
    '<DEV_DATA><GET_OBJECT url="getvalue.cgi"/></DEV_DATA></PRODUCT_INFO>');
  assert.equal(info.get('ups.serial'), '49EH29101');
  assert.equal(info.get('ups.firmware.aux'), 'NMC/Monitored ePDU/GB');
  assert.equal(info.get('device.type'), 'pdu');
  assert.equal(x.summary, '/ws/summary.xml');
  assert.equal(x.getobject, '/getvalue.cgi');
  feed('<SUMMARY><OBJECT name="UPS.PowerSummary.PresentStatus.Charging">1</OBJECT><OBJECT name="UPS.PowerSummary.PresentStatus.Discharging">1</OBJECT>' +
    '<OBJECT name="UPS.PowerSummary.iManufacturer">EATON</OBJECT><OBJECT name="System.LastAcquisition">2020/01/02 03:04:05</OBJECT></SUMMARY>');
  // the NMC bug: discharging wins over charging
  assert.deepEqual([x.bit(Bit.CHRG), x.bit(Bit.DISCHRG)], [false, true]);
  assert.deepEqual([info.get('ups.date'), info.get('ups.time')], ['2020/01/02', '03:04:05']);
  feed('<SUMMARY><OBJECT name="UPS.PowerSummary.iManufacturer">OTHER</OBJECT></SUMMARY>');
  assert.equal(info.get('ups.mfr'), 'EATON', 'a static value is read once');
  assert.throws(() => feed('<PRODUCT_INFO protocol="XML.V4"/>'), /XML v4 protocol is not supported!/);
});
