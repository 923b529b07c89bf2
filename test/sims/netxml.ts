// An Eaton/MGE Network Management Card speaking the "XML v3" protocol over
// HTTP, on loopback, for netxml-ups (ours and the reference): the root page,
// product.xml pointing at the other pages, the summary and get-object pages of
// <OBJECT name=...> values, the SET_OBJECT form. Every request is recorded so
// tests can compare what two drivers asked for and sent. Faults: an HTTP
// status, a slow answer, garbage instead of XML, a closed connection.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NetxmlModel {
  /** PRODUCT_INFO attributes, in order */
  product: [string, string][];
  /** where product.xml is served (the driver tries /mgeups/product.xml, /product.xml, /ws/product.xml) */
  productPath: string;
  /** the urls product.xml announces (relative, as the cards write them) */
  summaryUrl: string;
  getObjectUrl: string;
  setObjectUrl: string;
  /** objects of the summary page and of the get-object page, in order */
  summary: [string, string][];
  getObject: [string, string][];
  /** root page body */
  root: string;
}

export type NetxmlFault =
  | { kind: 'status'; code: number; body?: string }
  | { kind: 'slow'; ms: number }
  | { kind: 'garbage' }
  | { kind: 'close' };

export interface RecordedRequest {
  method: string;
  url: string;
  contentType: string | undefined;
  authorization: string | undefined;
  userAgent: string | undefined;
  body: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function objectsPage(root: string, objects: readonly [string, string][]): string {
  return `<?xml version="1.0" encoding="ISO-8859-1"?>\n<${root}>\n` +
    objects.map(([k, v]) => ` <OBJECT name="${esc(k)}">${esc(v)}</OBJECT>\n`).join('') + `</${root}>\n`;
}

export function productPage(m: NetxmlModel): string {
  const attrs = m.product.map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  return `<?xml version="1.0" encoding="ISO-8859-1"?>\n<PRODUCT_INFO${attrs}>\n` +
    ` <SUMMARY>\n  <HTML_PROPERTIES_PAGE url="mgeups/default.htm"/>\n  <XML_SUMMARY_PAGE url="${esc(m.summaryUrl)}"/>\n` +
    `  <CENTRAL_CFG url="config.xml"/>\n  <CSV_LOGS url="logevent.csv" dateRange="no" eventFiltering="no"/>\n </SUMMARY>\n` +
    ` <ALARMS>\n  <SUBSCRIPTION url="subscribe.cgi" security="basic"/>\n  <POLLING url="mgeups/lastalarms.cgi" security="none"/>\n </ALARMS>\n` +
    ` <UPS_DATA>\n  <GET_OBJECT url="${esc(m.getObjectUrl)}" security="none"/>\n  <SET_OBJECT url="${esc(m.setObjectUrl)}" security="ssl"/>\n </UPS_DATA>\n` +
    `</PRODUCT_INFO>\n`;
}

/** A plausible Pulsar/9PX card (values in the style of the DDL's Eaton 9PX netxml-ups dump). */
export function defaultModel(): NetxmlModel {
  return {
    product: [['name', 'Network Management Card'], ['type', 'Mosaic 4M 16M 55'], ['version', 'JI (SN 49EH29101)']],
    productPath: '/mgeups/product.xml',
    summaryUrl: 'upsprop.xml',
    getObjectUrl: 'getvalue.cgi',
    setObjectUrl: 'setvalue.cgi',
    root: '<html><head><title>UPS</title></head><body>sim</body></html>',
    summary: [
      ['UPS.PowerSummary.iProduct', 'Eaton 9PX'],
      ['UPS.PowerSummary.iModel', '6000i'],
      ['UPS.PowerSummary.iManufacturer', 'EATON'],
      ['UPS.PowerSummary.iSerialNumber', 'G203E30025'],
      ['UPS.PowerSummary.iVersion', '02.14.0034'],
      ['UPS.PowerSummary.RemainingCapacity', '100'],
      ['UPS.PowerSummary.RunTimeToEmpty', '11520'],
      ['UPS.PowerSummary.PercentLoad', '7'],
      ['UPS.PowerSummary.PresentStatus.ACPresent', '1'],
      ['UPS.PowerSummary.PresentStatus.Charging', '1'],
      ['UPS.PowerSummary.PresentStatus.Discharging', '0'],
      ['UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit', '0'],
      ['UPS.PowerSummary.PresentStatus.Overload', '0'],
      ['UPS.PowerSummary.PresentStatus.NeedReplacement', '0'],
      ['UPS.PowerSummary.PresentStatus.Good', '1'],
      ['UPS.PowerSummary.PresentStatus.FanFailure', '0'],
      ['UPS.PowerSummary.PresentStatus.InternalFailure', '0'],
      ['UPS.PowerSummary.PresentStatus.CommunicationLost', '0'],
      ['UPS.PowerSummary.PresentStatus.OverTemperature', '0'],
      ['UPS.PowerConverter.Input[1].PresentStatus.Buck', '0'],
      ['UPS.PowerConverter.Input[1].PresentStatus.Boost', '0'],
      ['UPS.PowerConverter.Input[1].PresentStatus.VoltageOutOfRange', '0'],
      ['UPS.PowerConverter.Input[1].PresentStatus.FrequencyOutOfRange', '0'],
      ['UPS.PowerConverter.Input[2].PresentStatus.Used', '0'],
      ['UPS.PowerConverter.Input[4].PresentStatus.Used', '0'],
      ['UPS.BatterySystem.Battery.PresentStatus.Present', '1'],
      ['UPS.BatterySystem.Charger.PresentStatus.InternalFailure', 'No'],
      ['UPS.PowerConverter.Input[1].Voltage', '243'],
      ['UPS.PowerConverter.Input[1].Frequency', '50'],
      ['UPS.PowerConverter.Input[2].Voltage', '243'],
      ['UPS.PowerConverter.Input[2].Frequency', '50'],
      ['UPS.PowerConverter.Output.Voltage', '230'],
      ['UPS.PowerConverter.Output.Frequency', '50'],
      ['UPS.PowerConverter.Output.ApparentPower', '447'],
      ['UPS.PowerConverter.Output.ActivePower', '204'],
      ['UPS.PowerConverter.ConverterType', '2'],
      ['UPS.BatterySystem.Battery.Temperature', '27'],
      ['UPS.BatterySystem.Battery.DesignCapacity', '18000'],
      ['UPS.BatterySystem.Battery.Test', '4'],
      ['UPS.BatterySystem.Battery.TestPeriod', '2592000'],
      ['UPS.BatterySystem.Battery.AudibleAlarmControl', '2'],
      ['UPS.PowerSummary.DelayBeforeShutdown', '-1'],
      ['UPS.PowerSummary.DelayBeforeStartup', '-1'],
      ['System.RunTimeToShutdown', 'NONE'],
      ['System.LastAcquisition', '2016/03/17 13:37:33'],
      ['UPS.OutletSystem.Outlet[2].iName', 'Group1'],
      ['UPS.OutletSystem.Outlet[2].PresentStatus.SwitchOnOff', '1'],
      ['UPS.OutletSystem.Outlet[2].PresentStatus.Switchable', '1'],
    ],
    getObject: [
      ['System.RunTimeToEmptyLimit', '180'],
      ['System.ShutdownDuration', '120'],
      ['System.Contact', 'Computer Room Manager'],
      ['System.Location', '9PX - Bios Rack - U1'],
      ['System.Outlet[2].ShutdownDuration', '120'],
      ['System.Outlet[3].ShutdownDuration', '120'],
    ],
  };
}

export interface NetxmlSimOptions {
  /** Basic authentication required on every page but / */
  auth?: { login: string; password: string; /** body of the 401 page (default empty) */ body?: string };
}

export class NetxmlSim {
  readonly requests: RecordedRequest[] = [];
  /** faults by path ('*' for every path); consulted on each request */
  readonly faults = new Map<string, NetxmlFault>();
  private server: http.Server;
  private sockets = new Set<import('node:net').Socket>();
  port = 0;

  constructor(public model: NetxmlModel = defaultModel(), public opts: NetxmlSimOptions = {}) {
    this.server = http.createServer((req, res) => { this.handle(req, res); });
    this.server.on('connection', (s) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
  }

  async listen(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string { return `http://127.0.0.1:${this.port}`; }

  /** set one object's value wherever it is served */
  set(name: string, value: string): void {
    for (const list of [this.model.summary, this.model.getObject]) {
      const e = list.find(([k]) => k === name);
      if (e) { e[1] = value; return; }
    }
    this.model.summary.push([name, value]);
  }

  /** requests without the page polls, for comparing SETs */
  posts(): RecordedRequest[] { return this.requests.filter((r) => r.method !== 'GET'); }

  private page(path: string): string | undefined {
    const m = this.model;
    if (path === '/') return m.root;
    if (path === m.productPath) return productPage(m);
    if (path === `/${m.summaryUrl}`) return objectsPage('SUMMARY', m.summary);
    if (path === `/${m.getObjectUrl}`) return objectsPage('GET_OBJECT', m.getObject);
    return undefined;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => { size += c.length; if (size <= 1 << 20) chunks.push(c); });
    req.on('end', () => {
      const url = req.url ?? '/';
      this.requests.push({
        method: req.method ?? '', url, contentType: req.headers['content-type'],
        authorization: req.headers.authorization, userAgent: req.headers['user-agent'], body: Buffer.concat(chunks).toString('latin1'),
      });
      void this.answer(url, req, res);
    });
  }

  private async answer(url: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const send = (code: number, type: string, body: string) => {
      res.writeHead(code, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body, 'latin1') });
      res.end(body, 'latin1');
    };
    const fault = this.faults.get(url) ?? this.faults.get('*');
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'close') { req.socket.destroy(); return; }
    if (fault?.kind === 'status') { send(fault.code, 'text/html', fault.body ?? `<html><body>${fault.code}</body></html>`); return; }
    if (fault?.kind === 'garbage') { send(200, 'text/xml', '<?xml version="1.0"?>\n<SUMMARY><OBJECT name="x">1</OBJ\x01ECT>\n'); return; }
    const a = this.opts.auth;
    if (a && url !== '/') {
      const want = `Basic ${Buffer.from(`${a.login}:${a.password}`).toString('base64')}`;
      if (req.headers.authorization !== want) {
        const body = a.body ?? '';
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="NMC"', 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
    }
    if (req.method === 'POST') { send(200, 'text/html', ''); return; }
    const body = this.page(url);
    if (body === undefined) send(404, 'text/html', '<html><body>Not found</body></html>');
    else send(200, url === '/' ? 'text/html' : 'text/xml', body);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
