import type http from 'node:http';
import type { WebServer } from '../server.js';
import { HttpError } from '../server.js';

export async function handleUpsset(_w: WebServer, _req: http.IncomingMessage, _res: http.ServerResponse): Promise<void> {
  throw new HttpError(404, 'NOT-FOUND', 'upsset.cgi: not implemented yet');
}
