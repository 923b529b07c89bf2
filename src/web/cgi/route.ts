// NUT's CGI pages at Debian's paths (/cgi-bin/nut/*.cgi), same query strings,
// as clients of the hub's shared upsd session.

import type http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NUT_VERSION } from '../../core/paths.js';
import type { WebServer } from '../server.js';
import { HttpError } from '../server.js';
import { cgiArgs, CgiArgError } from './cgiargs.js';
import { TemplateRenderer, renderTree, jsonDevice, jsonDevices, type StatsUps } from './upsstats.js';
import { handleUpsset } from './upsset.js';
import { handleUpsimage } from './upsimage.js';

const MAX_CGI_STRLEN = 128;

export function send(res: http.ServerResponse, body: string, type = 'text/html', status = 200): void {
  const b = Buffer.from(body, 'latin1');
  res.writeHead(status, { 'Content-Type': type, Pragma: 'no-cache', 'Cache-Control': 'no-store', 'Content-Length': b.length });
  res.end(b);
}

/** the hosts.conf entries with what the hub last read */
export function statsList(w: WebServer): StatsUps[] {
  return w.o.hosts.monitors.map((m) => {
    const u = w.hub.ups.find((x) => x.id === m.ups);
    if (!u) return { sys: m.ups, desc: m.desc, unusable: true };
    if (u.error === 'not read yet') return { sys: m.ups, desc: m.desc, error: 'Connection failure: not connected yet', noConnection: true };
    if (u.error) return { sys: m.ups, desc: m.desc, error: u.error, noConnection: u.unreachable === true };
    return { sys: m.ups, desc: m.desc, vars: u.vars };
  });
}

export async function handleCgi(w: WebServer, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const name = url.pathname.slice('/cgi-bin/nut/'.length);
  if (name === 'upsset.cgi') return handleUpsset(w, req, res);
  let args: [string, string][];
  try {
    args = cgiArgs(url.search.slice(1));
  } catch (e) {
    if (e instanceof CgiArgError) throw new HttpError(400, 'BAD-REQUEST', `${name}: ${e.message}`);
    throw e;
  }
  if (name === 'upsimage.cgi') return handleUpsimage(w, res, args);
  if (name !== 'upsstats.cgi') throw new HttpError(404, 'NOT-FOUND', `no such page: ${url.pathname}`);
  let host: string | undefined;
  let refresh = -1;
  let tree = false;
  let json = false;
  for (const [k, v] of args) {
    if (k.length > MAX_CGI_STRLEN || v.length > MAX_CGI_STRLEN) continue;
    if (k === 'host') host = v;
    else if (k === 'refresh') refresh = parseInt(v, 10) || 0;
    else if (k === 'treemode') tree = true;
    else if (k === 'json') json = true;
  }
  const list = statsList(w);
  if (json) {
    if (host === undefined) return send(res, jsonDevices(list.filter((u) => !u.unusable)), 'application/json; charset=utf-8');
    const one = list.find((u) => u.sys === host);
    if (!one) return send(res, `{"error": "Access to host ${host} is not authorized."}`, 'application/json; charset=utf-8');
    return send(res, jsonDevice(one), 'application/json; charset=utf-8');
  }
  const page = (title: string, body: string) => `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN"\n\t"http://www.w3.org/TR/REC-html40/loose.dtd">\n<HTML><HEAD>\n<TITLE>${title}</TITLE>\n</HEAD><BODY>\n${body}\n</BODY></HTML>\n`;
  let tplName = 'upsstats.html';
  let renderList = list;
  if (host !== undefined) {
    const one = list.find((u) => u.sys === host);
    if (!one) return send(res, `Access to that host [${host}] is not authorized.\n`);
    if (one.unusable) return send(res, `Unusable UPS definition [${one.sys}]\n`);
    if (tree) return send(res, renderTree(one));
    tplName = 'upsstats-single.html';
    renderList = [one];
  } else if (list.length === 0) {
    return send(res, page('Error: no hosts to monitor', 'Error: no hosts to monitor (check <CODE>hosts.conf</CODE>)'));
  }
  let tpl: string;
  try { tpl = readFileSync(join(w.o.confPath, tplName), 'latin1'); } catch {
    return send(res, `Error: can't open template file (${tplName})\n`);
  }
  if (renderList[0]?.unusable) return send(res, `Unusable UPS definition [${renderList[0].sys}]\n`);
  const html = new TemplateRenderer(renderList, { refresh, now: new Date(), version: NUT_VERSION }).render(tpl);
  send(res, html);
}
