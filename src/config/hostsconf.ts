// hosts.conf (cgi.md §2): the UPSes the web pages may show, in display order.
// Pure: text in, entries + diagnostics out. Other directives are ignored, as in NUT.

import { tokenizeConfig } from '../core/tokenizer.js';
import type { Diagnostic } from './diagnostics.js';

export interface HostsEntry {
  /** `upsname[@host[:port]]` exactly as written */
  ups: string;
  desc: string;
  line: number;
}

export interface HostsConf {
  monitors: HostsEntry[];
  customTemplateList: string[];
  customTemplateSingle: string[];
  diagnostics: Diagnostic[];
}

export function parseHostsConf(text: string | Uint8Array, file = 'hosts.conf'): HostsConf {
  const conf: HostsConf = { monitors: [], customTemplateList: [], customTemplateSingle: [], diagnostics: [] };
  const { lines, errors } = tokenizeConfig(text);
  for (const e of errors) conf.diagnostics.push({ file, line: e.line, level: 'error', message: `Parse error: ${file}:${e.line}: ${e.message}` });
  for (const { line, args } of lines) {
    const [word, a, b] = args;
    if (word === 'MONITOR' && a !== undefined && b !== undefined) conf.monitors.push({ ups: a, desc: b, line });
    else if (word === 'CUSTOM_TEMPLATE_LIST' && a !== undefined) conf.customTemplateList.push(a);
    else if (word === 'CUSTOM_TEMPLATE_SINGLE' && a !== undefined) conf.customTemplateSingle.push(a);
  }
  return conf;
}
