import type http from 'node:http';
import type { WebServer } from '../server.js';
import { HttpError } from '../server.js';

export async function handleUpsimage(_w: WebServer, _res: http.ServerResponse, _args: [string, string][]): Promise<void> {
  throw new HttpError(404, 'NOT-FOUND', 'upsimage.cgi: not implemented yet');
}
