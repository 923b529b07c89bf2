// NUT's CGI pages at Debian's paths (/cgi-bin/nut/*.cgi).

import type http from 'node:http';
import type { WebServer } from '../server.js';
import { HttpError } from '../server.js';

export async function handleCgi(_w: WebServer, _req: http.IncomingMessage, _res: http.ServerResponse, url: URL): Promise<void> {
  throw new HttpError(404, 'NOT-FOUND', `no such page: ${url.pathname}`);
}
