// upsset.cgi (cgi.md §5) as NUT 2.8.0 renders it: refused unless upsset.conf has
// I_HAVE_SECURED_MY_CGI_DIRECTORY; POST form fields; login-per-request with the
// credentials carried in hidden fields (that is upsset's protocol; upsweb's own
// dashboard keeps them server-side instead). Reads use the hub's shared session;
// saving and commands use a connection of their own with the user's credentials.
// Differences, on purpose: text and attribute values are HTML-escaped, and
// credentialed requests (savesettings, docmd) are rate-limited per address.

import type http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NutClient } from '../../client/client.js';
import { upscliStrerror } from '../../client/errors.js';
import { tokenizeConfig } from '../../core/tokenizer.js';
import { NUT_VERSION } from '../../core/paths.js';
import type { WebServer } from '../server.js';
import { HttpError } from '../server.js';
import { CgiArgError } from './cgiargs.js';
import { send } from './route.js';
import type { UpsSnapshot } from '../hub.js';

const MAGIC = 'I_HAVE_SECURED_MY_CGI_DIRECTORY';
const UPSVAR_MAX_NUM = 64;
const UPSVAR_MAX_LEN = 256;

/** HTML-escape (identity for the characters NUT's pages normally carry) */
function h(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function unescapeValue(s: string): string {
  return s.replace(/\+/g, ' ').replace(/%(..)?/g, (_m, hex: string | undefined) => {
    if (!hex || !/^[0-9A-Fa-f]{2}$/.test(hex)) throw new CgiArgError('bad escape char');
    const ch = String.fromCharCode(parseInt(hex, 16));
    return ch === '\n' || ch === '\r' ? ' ' : ch;
  });
}

interface Form { username?: string; password?: string; function?: string; monups?: string; upscommand?: string; vars: [string, string][] }

/** extractpostargs: names raw, values unescaped */
function parsePost(body: string): Form {
  const f: Form = { vars: [] };
  if (body === '') return f;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part.slice(0, 511) : part.slice(0, eq);
    const value = eq < 0 ? '' : unescapeValue(part.slice(eq + 1, 511));
    if (name.startsWith('UPSVAR_')) {
      if (f.vars.length > UPSVAR_MAX_NUM || value.length > UPSVAR_MAX_LEN) continue;
      f.vars.push([name.slice(7), value]);
    } else if (name === 'username' || name === 'password' || name === 'function' || name === 'monups' || name === 'upscommand') f[name] = value;
  }
  return f;
}

class Page extends Error { constructor(readonly html: string) { super('page'); } }

export async function handleUpsset(w: WebServer, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  // the safety word first, whatever was asked
  let conf: Buffer | undefined;
  try { conf = readFileSync(join(w.o.confPath, 'upsset.conf')); } catch { /* below */ }
  if (!conf) return send(res, '<PRE>\nError: Can\'t open upsset.conf to verify security settings.\nRefusing to start until this is fixed.\n</PRE>\n');
  if (!tokenizeConfig(conf).lines.some((l) => l.args[0] === MAGIC)) {
    return send(res, '<PRE>\nError: Secure mode has not been enabled in upsset.conf.\nRefusing to start until this is fixed.\n</PRE>\n');
  }
  let f: Form;
  try {
    f = parsePost(req.method === 'POST' ? Buffer.from(await w.readBody(req), 'utf8').toString('latin1') : '');
  } catch (e) {
    if (e instanceof CgiArgError) throw new HttpError(400, 'BAD-REQUEST', `upsset.cgi: ${e.message}`);
    throw e;
  }
  try {
    send(res, await new Upsset(w, f, req.socket.remoteAddress ?? '?').run());
  } catch (e) {
    if (e instanceof Page) return send(res, e.html);
    throw e;
  }
}

class Upsset {
  constructor(private readonly w: WebServer, private readonly f: Form, private readonly addr: string) {}

  async run(): Promise<string> {
    const f = this.f;
    if (f.username === undefined || f.password === undefined || f.function === undefined) return this.login();
    if (f.function === 'pickups' || f.monups === undefined) {
      return `${header('Select a UPS')}${this.table()}<TR><TD ALIGN="CENTER" COLSPAN="2">\n${this.pickups('')}</TD></TR>\n</TABLE>\n</TD></TR></TABLE>\n</BODY></HTML>\n`;
    }
    switch (f.function) {
      case 'showsettings': return this.showSettings();
      case 'savesettings': return this.saveSettings();
      case 'showcmds': return this.showCmds();
      case 'docmd': return this.doCmd();
    }
    return `Error: Unhandled function name [${h(f.function)}]\n`;
  }

  private table(): string {
    return `<TABLE CELLPADDING="5" CELLSPACING="0" ALIGN="CENTER" WIDTH="100%">\n<TR><TH COLSPAN=2 BGCOLOR="#60B0B0">\n<FONT SIZE="+2">Network UPS Tools upsset ${NUT_VERSION}</FONT>\n</TH></TR>\n`;
  }

  private hidden(next?: string): string {
    return `<INPUT TYPE="HIDDEN" NAME="username" VALUE="${h(this.f.username ?? '')}">\n<INPUT TYPE="HIDDEN" NAME="password" VALUE="${h(this.f.password ?? '')}">\n`
      + (next !== undefined ? `<INPUT TYPE="HIDDEN" NAME="function" VALUE="${next}">\n` : '');
  }

  private pickups(cur: string): string {
    let out = '<FORM METHOD="POST" ACTION="upsset.cgi">\nSelect UPS and function:\n<BR>\n<SELECT NAME="monups">\n';
    for (const m of this.w.o.hosts.monitors) out += `<OPTION VALUE="${h(m.ups)}"${this.f.monups === m.ups ? 'SELECTED' : ''}>${h(m.desc)}</OPTION>\n`;
    out += '</SELECT>\n<SELECT NAME="function">\n';
    out += `<OPTION VALUE="showsettings"${cur === 'showsettings' ? ' SELECTED' : ''}>Settings</OPTION>\n`;
    out += `<OPTION VALUE="showcmds"${cur === 'showcmds' ? ' SELECTED' : ''}>Commands</OPTION>\n`;
    return `${out}</SELECT>\n${this.hidden()}<INPUT TYPE="SUBMIT" VALUE="View">\n</FORM>\n`;
  }

  private error(next: string, title: string, msg: string): never {
    throw new Page(`${header(title)}${this.table()}<TR><TH COLSPAN=2 BGCOLOR="#60B0B0">\nError: ${h(msg)}\n</TH></TR>\n<TR><TD ALIGN="CENTER" COLSPAN=2>\n${this.pickups(next)}</TD></TR>\n</TABLE>\n</TD></TR></TABLE>\n</BODY></HTML>\n`);
  }

  private login(): string {
    return `${header('Login')}<FORM METHOD="POST" ACTION="upsset.cgi">\n${this.table()}<TR BGCOLOR="#60B0B0">\n<TH>Username</TH>\n<TD><INPUT TYPE="TEXT" NAME="username" VALUE=""></TD>\n</TR>\n`
      + '<TR BGCOLOR="#60B0B0">\n<TH>Password</TH>\n<TD><INPUT TYPE="PASSWORD" NAME="password" VALUE=""></TD>\n</TR>\n'
      + '<TR><TD COLSPAN=2 ALIGN="CENTER">\n<INPUT TYPE="HIDDEN" NAME="function" VALUE="pickups">\n<INPUT TYPE="SUBMIT" VALUE="Login">\n<INPUT TYPE="RESET" VALUE="Reset fields">\n</TD></TR></TABLE>\n</FORM>\n</TD></TR></TABLE>\n</BODY></HTML>\n';
  }

  /** checkhost + the hub's snapshot of that UPS */
  private host(): { u: UpsSnapshot; desc: string } {
    const m = this.w.o.hosts.monitors.find((x) => x.ups === this.f.monups);
    if (!m) this.error('showsettings', 'Access denied', 'Access to that host is not authorized');
    const u = this.w.hub.ups.find((x) => x.id === m.ups);
    if (!u) this.error('showsettings', 'UPS name is unusable', `Unable to split UPS name [${m.ups}]`);
    return { u, desc: m.desc };
  }

  private async shared(u: UpsSnapshot): Promise<NutClient> {
    try { return await this.w.hub.client(u); } catch (e) {
      this.error('showsettings', 'Connect failure', `Unable to connect to ${u.id}: ${upscliStrerror(e)}`);
    }
  }

  private async showSettings(): Promise<string> {
    const { u, desc } = this.host();
    const c = await this.shared(u);
    let names: string[];
    try { names = (await c.listRw(u.name)).map((v) => v.name); } catch { this.error('showsettings', 'Server protocol error', 'LIST RW command failed'); }
    let out = `${header('Current settings')}<FORM ACTION="upsset.cgi" METHOD="POST">\n${this.table()}<TR><TH BGCOLOR="#60B0B0"COLSPAN=2>${h(desc)}</TH></TR>\n`
      + '<TR BGCOLOR="#60B0B0">\n<TH>Setting</TH>\n<TH>Value</TH></TR>\n';
    for (const name of names) {
      const d = await c.getDesc(u.name, name).catch(() => undefined);
      out += `<!-- <TR><TD>Device</TD><TD>${h(u.name)}</TD></TR> -->\n<TR BGCOLOR="#60B0B0" ALIGN="CENTER">\n<TD>${h(d !== undefined && d !== 'Unavailable' ? d : name)}</TD>\n<TD>\n`;
      out += await this.editor(c, u, name);
      out += '</TD>\n</TR>\n';
    }
    out += `<TR BGCOLOR="#60B0B0">\n<TD COLSPAN="2" ALIGN="CENTER">\n${this.hidden('savesettings')}<INPUT TYPE="HIDDEN" NAME="monups" VALUE="${h(this.f.monups!)}">\n`
      + '<INPUT TYPE="SUBMIT" VALUE="Save changes">\n<INPUT TYPE="RESET" VALUE="Reset">\n</TD></TR>\n</TABLE>\n</FORM>\n';
    return `${out}<TR><TD ALIGN="CENTER">\n${this.pickups('showsettings')}</TD></TR>\n</TABLE>\n</BODY></HTML>\n`;
  }

  /** do_type: one editor per the TYPE words, as 2.8.0 reads them */
  private async editor(c: NutClient, u: UpsSnapshot, name: string): Promise<string> {
    let words: string[];
    try { words = (await c.getType(u.name, name)).words; } catch { return 'Unknown type\n'; }
    let out = '';
    for (const wd of words) {
      if (wd.toUpperCase() === 'ENUM') {
        const cur = await c.getVar(u.name, name).catch(() => undefined);
        if (cur === undefined) return `${out}Unavailable\n`;
        let list: string[];
        try { list = await c.listEnum(u.name, name); } catch { return `${out}Unavailable\n`; }
        out += `<SELECT NAME="UPSVAR_${h(name)}">\n`;
        for (const v of list) out += `<OPTION VALUE="${h(v)}" ${v === cur ? ' SELECTED' : ''}>${h(v)}</OPTION>\n`;
        return `${out}</SELECT>\n`;
      }
      if (wd.toUpperCase().startsWith('STRING:')) {
        const len = parseInt(wd.slice(7), 10) || 0;
        const cur = await c.getVar(u.name, name).catch(() => undefined);
        if (cur === undefined) return `${out}Unavailable\n`;
        return `${out}<INPUT TYPE="TEXT" NAME="UPSVAR_${h(name)}" VALUE="${h(cur)}" SIZE="${len}">\n`;
      }
      if (wd.toUpperCase() === 'RW') continue;
      out += 'Unrecognized\n';
    }
    return out;
  }

  private async showCmds(): Promise<string> {
    const { u, desc } = this.host();
    const c = await this.shared(u);
    let cmds: string[];
    try { cmds = await c.listCmd(u.name); } catch { this.error('showcmds', 'Server protocol error', 'LIST CMD command failed'); }
    if (cmds.length === 0) this.error('showcmds', 'No instant commands supported', "This UPS doesn't support any instant commands.");
    let out = `${header('Instant commands')}<FORM ACTION="upsset.cgi" METHOD="POST">\n${this.table()}<TR><TH BGCOLOR="#60B0B0"COLSPAN=2>${h(desc)}</TH></TR>\n`
      + '<TR BGCOLOR="#60B0B0" ALIGN="CENTER">\n<TD>Instant commands</TD>\n<TD>\n<SELECT NAME="upscommand">\n<OPTION VALUE="" SELECTED></OPTION>\n';
    for (const cmd of cmds) {
      const d = await c.getCmdDesc(u.name, cmd).catch(() => undefined);
      if (d !== undefined) out += `<OPTION VALUE="${h(cmd)}">${h(d)}</OPTION>\n`;
    }
    out += `</SELECT>\n</TD></TR>\n<TR BGCOLOR="#60B0B0">\n<TD COLSPAN="2" ALIGN="CENTER">\n${this.hidden('docmd')}<INPUT TYPE="HIDDEN" NAME="monups" VALUE="${h(this.f.monups!)}">\n`
      + '<INPUT TYPE="SUBMIT" VALUE="Issue command">\n<INPUT TYPE="RESET" VALUE="Reset">\n</TD></TR>\n</TABLE>\n</FORM>\n';
    return `${out}<TR><TD ALIGN="CENTER">\n${this.pickups('showcmds')}</TD></TR>\n</TABLE>\n</BODY></HTML>\n`;
  }

  /** a connection of its own, with USERNAME/PASSWORD sent (their ERR replies unchecked, as upsset) */
  private async userConn(u: UpsSnapshot, next: string): Promise<NutClient> {
    if (!this.w.sessions.allowLogin(this.addr)) this.error(next, 'Too many attempts', 'Too many login attempts from your address; wait a minute');
    let c: NutClient;
    try { c = await NutClient.connect({ host: u.host, port: u.port, connectTimeout: 10000 }); } catch (e) {
      this.error('showsettings', 'Connect failure', `Unable to connect to ${this.f.monups}: ${upscliStrerror(e)}`);
    }
    try { await c.request(`USERNAME ${this.f.username}\n`); } catch (e) {
      c.destroy();
      this.error(next, "Can't set user name", `Set user name failed: ${upscliStrerror(e)}`);
    }
    try { await c.request(`PASSWORD ${this.f.password}\n`); } catch (e) {
      c.destroy();
      this.error(next, "Can't set password", `Password set failed: ${upscliStrerror(e)}`);
    }
    return c;
  }

  private async saveSettings(): Promise<string> {
    const { u } = this.host();
    const c = await this.userConn(u, 'showsettings');
    let body = '';
    let changed = 0;
    try {
      for (const [name, value] of this.f.vars) {
        let old: string;
        try { old = await c.getVar(u.name, name); } catch { body += `Can't get old value for ${h(name)}, aborting SET\n`; continue; }
        if (old === value) continue;
        body += `set ${h(name)} to ${h(value)} (was ${h(old)})\n`;
        let reply: string;
        try {
          reply = await c.request(`SET VAR ${u.name} ${name} "${value.replace(/["\\]/g, (m) => '\\' + m)}"\n`);
        } catch (e) { body += `Error: SET failed: ${upscliStrerror(e)}\n`; continue; }
        if (!reply.startsWith('OK')) { body += `Unexpected response: ${h(reply)}\n`; continue; }
        body += 'OK\n';
        changed++;
        this.w.hub.note(u.id, 'setvar', `${this.f.username} set ${name} to ${value} (upsset.cgi): ${reply}`);
      }
    } finally { void c.logout().catch(() => undefined).finally(() => c.destroy()); }
    body += changed === 0 ? 'No settings changed.\n' : `Updated ${changed} setting${changed === 1 ? '' : 's'}.\n`;
    this.w.hub.poke();
    return `${header('Saving settings')}${this.table()}<TR><TD><PRE>\n${body}</PRE></TD></TR>\n<TR><TD ALIGN="CENTER" COLSPAN="2">\n${this.pickups('showsettings')}</TD></TR>\n</TABLE>\n</TD></TR></TABLE>\n</BODY></HTML>\n`;
  }

  private async doCmd(): Promise<string> {
    const { u } = this.host();
    if (!this.f.upscommand) this.error('showcmds', 'Form error', 'No instant command selected');
    const c = await this.userConn(u, 'showcmds');
    let reply: string;
    try {
      reply = await c.request(`INSTCMD ${u.name} ${this.f.upscommand}\n`);
    } catch (e) {
      c.destroy();
      return `${header('Error while reading command response')}${this.table()}<TR><TD>Error reading command response: ${h(upscliStrerror(e))}\n</TD></TR><TR><TD ALIGN="CENTER" COLSPAN=2>\n${this.pickups('showcmds')}</TD></TR>\n</TABLE>\n</TD></TR></TABLE>\n</BODY></HTML>\n`;
    }
    void c.logout().catch(() => undefined).finally(() => c.destroy());
    this.w.hub.note(u.id, 'command', `${this.f.username} issued ${this.f.upscommand} (upsset.cgi): ${reply}`);
    this.w.hub.poke();
    return `${header('Issuing command')}${this.table()}<TR><TD><PRE>\nSending command: ${h(this.f.upscommand)}\nResponse: ${h(reply)}\n</PRE></TD></TR>\n<TR><TD ALIGN="CENTER" COLSPAN=2>\n${this.pickups('showcmds')}</TD></TR>\n</TABLE>\n</TD></TR></TABLE>\n</BODY></HTML>\n`;
  }
}

function header(title: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN"\n\t"http://www.w3.org/TR/REC-html40/loose.dtd">\n<HTML>\n<HEAD><TITLE>upsset: ${title}</TITLE></HEAD>\n`
    + '<BODY BGCOLOR="#FFFFFF" TEXT="#000000" LINK="#0000EE" VLINK="#551A8B">\n<TABLE BGCOLOR="#50A0A0" ALIGN="CENTER">\n<TR><TD>\n';
}
