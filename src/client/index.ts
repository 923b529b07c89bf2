// Public client library: `import { NutClient } from 'tsnut/client'`.
export { NutClient } from './client.js';
export type { NutClientOptions, NutTlsOptions, TlsMode, UpsEntry, VarEntry, RangeEntry, CommandResult } from './client.js';
export { NutClientError, UPSCLI_ERRORS, upscliStrerror, upscliNameForToken } from './errors.js';
export type { UpscliErrorName } from './errors.js';
export { splitName, splitAddr, joinHostPort, DEFAULT_PORT } from './splitname.js';
export { defaultConnectTimeout } from './transport.js';
export { NutProtocolError, NutError } from '../core/errors.js';
export { formatRequest, encodeArg, parseTypeWords } from '../protocol/client-codec.js';
export type { VarType } from '../protocol/client-codec.js';
