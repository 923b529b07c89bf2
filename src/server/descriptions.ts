// cmdvartab: the texts of GET DESC / GET CMDDESC (names.md §6). Pure parser.

import { tokenizeConfig } from '../core/tokenizer.js';

export interface Descriptions {
  vars: Map<string, string>;
  cmds: Map<string, string>;
}

export function parseCmdvartab(text: string | Uint8Array): Descriptions {
  const d: Descriptions = { vars: new Map(), cmds: new Map() };
  for (const { args } of tokenizeConfig(text).lines) {
    if (args.length < 3) continue;
    if (args[0] === 'VARDESC') d.vars.set(args[1]!.toLowerCase(), args[2]!);
    else if (args[0] === 'CMDDESC') d.cmds.set(args[1]!.toLowerCase(), args[2]!);
  }
  return d;
}

export const NO_DESCRIPTIONS: Descriptions = { vars: new Map(), cmds: new Map() };
