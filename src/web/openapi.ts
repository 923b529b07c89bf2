// The API's OpenAPI 3.0 document, served at /api/openapi.json. Tests check every
// response against these schemas, so it cannot drift from the code.

const str = { type: 'string' };
const strOrNull = { type: 'string', nullable: true };
const err = { $ref: '#/components/schemas/Error' };
const json = (schema: object) => ({ 'application/json': { schema } });
const ok = (description: string, schema: object) => ({ description, content: json(schema) });
const errors = {
  '400': ok('Bad request', err), '401': ok('Not logged in, or the CSRF token is missing or wrong', err),
  '403': ok('upsd refused (e.g. ACCESS-DENIED)', err), '404': ok('No such UPS, variable or path', err),
  '502': ok('upsd could not be reached or answered with an error', err),
};
const idParam = { name: 'id', in: 'path', required: true, schema: str, description: 'the UPS as written in hosts.conf (e.g. `ups@localhost`), or its bare name when unique' };
const nameParam = { name: 'name', in: 'path', required: true, schema: str };
const csrf = { name: 'X-CSRF-Token', in: 'header', required: true, schema: str, description: 'the token returned by /api/v1/login' };

export const OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'tsnut upsweb API', version: '1',
    description: 'What the upsweb pages show, as JSON, plus a live stream. upsweb is a client of upsd: reads come from its one shared session; commands and settings run with the logged-in user\'s upsd.users credentials and upsd decides.',
  },
  paths: {
    '/api/v1/info': { get: { summary: 'Server information', responses: { '200': ok('info', { $ref: '#/components/schemas/Info' }) } } },
    '/api/v1/devices': { get: { summary: 'Every UPS of hosts.conf, in its order', responses: { '200': ok('devices', { type: 'array', items: { $ref: '#/components/schemas/Device' } }) } } },
    '/api/v1/devices/{id}': { get: { summary: 'One UPS', parameters: [idParam], responses: { '200': ok('device', { $ref: '#/components/schemas/Device' }), '404': errors['404'] } } },
    '/api/v1/devices/{id}/vars': { get: { summary: 'All variables (as upsc)', parameters: [idParam], responses: { '200': ok('variables', { type: 'object', additionalProperties: str }), '404': errors['404'] } } },
    '/api/v1/devices/{id}/var/{name}': {
      get: { summary: 'One variable', parameters: [idParam, nameParam], responses: { '200': ok('value', { $ref: '#/components/schemas/Var' }), '404': errors['404'] } },
      post: {
        summary: 'Set a writable variable (as upsrw)', parameters: [idParam, nameParam, csrf],
        requestBody: { required: true, content: json({ type: 'object', required: ['value'], properties: { value: str } }) },
        responses: { '200': ok('upsd accepted', { $ref: '#/components/schemas/Result' }), '400': errors['400'], '401': errors['401'], '403': errors['403'], '404': errors['404'], '502': errors['502'] },
      },
    },
    '/api/v1/devices/{id}/var/{name}/description': { get: { summary: 'GET DESC', parameters: [idParam, nameParam], responses: { '200': ok('description', { type: 'object', required: ['name', 'description'], properties: { name: str, description: str } }), '404': errors['404'] } } },
    '/api/v1/devices/{id}/rwvars': { get: { summary: 'Writable variables with their type, description and choices', parameters: [idParam], responses: { '200': ok('writable variables', { type: 'array', items: { $ref: '#/components/schemas/RwVar' } }), '404': errors['404'], '502': errors['502'] } } },
    '/api/v1/devices/{id}/commands': { get: { summary: 'Instant commands with descriptions', parameters: [idParam], responses: { '200': ok('commands', { type: 'array', items: { $ref: '#/components/schemas/Command' } }), '404': errors['404'], '502': errors['502'] } } },
    '/api/v1/devices/{id}/command/{name}': {
      post: {
        summary: 'Issue an instant command (as upscmd)', parameters: [idParam, nameParam, csrf],
        requestBody: { required: false, content: json({ type: 'object', properties: { value: str } }) },
        responses: { '200': ok('upsd accepted', { $ref: '#/components/schemas/Result' }), '400': errors['400'], '401': errors['401'], '403': errors['403'], '404': errors['404'], '502': errors['502'] },
      },
    },
    '/api/v1/devices/{id}/history': {
      get: {
        summary: 'Recorded readings: raw for 24h, 15-minute means for 7d and 30d', parameters: [idParam, { name: 'range', in: 'query', schema: { type: 'string', enum: ['24h', '7d', '30d'] } }],
        responses: { '200': ok('history', { $ref: '#/components/schemas/History' }), '400': errors['400'], '404': errors['404'] },
      },
    },
    '/api/v1/events': {
      get: {
        summary: 'Events, newest first', parameters: [{ name: 'ups', in: 'query', schema: str }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } }],
        responses: { '200': ok('events', { type: 'array', items: { $ref: '#/components/schemas/Event' } }) },
      },
    },
    '/api/v1/stream': { get: { summary: 'Server-Sent Events: `devices` (all, on connect), `update` (changed variables of one UPS), `event`', responses: { '200': { description: 'text/event-stream' }, '503': ok('too many streams', err) } } },
    '/api/v1/login': {
      post: {
        summary: 'Log in with upsd.users credentials; sets an HttpOnly session cookie', requestBody: { required: true, content: json({ type: 'object', required: ['username', 'password'], properties: { username: str, password: str } }) },
        responses: { '200': ok('session', { $ref: '#/components/schemas/Session' }), '400': errors['400'], '429': ok('too many attempts', err), '502': errors['502'] },
      },
    },
    '/api/v1/session': { get: { summary: 'The current login', responses: { '200': ok('session', { $ref: '#/components/schemas/Session' }), '401': errors['401'] } } },
    '/api/v1/logout': { post: { summary: 'Log out', parameters: [csrf], responses: { '200': ok('done', { $ref: '#/components/schemas/Result' }), '401': errors['401'] } } },
    '/metrics': { get: { summary: 'Prometheus metrics of every UPS (nut_exporter names, with a `ups` label)', responses: { '200': { description: 'text/plain; version=0.0.4' } } } },
    '/ups_metrics': { get: { summary: 'nut_exporter\'s form: one UPS (`ups=`), `variables=`, `statuses=`', responses: { '200': { description: 'text/plain; version=0.0.4' }, '404': { description: 'unknown UPS' } } } },
  },
  components: {
    schemas: {
      Error: { type: 'object', required: ['error', 'message'], properties: { error: str, message: str } },
      Info: { type: 'object', required: ['name', 'version', 'devices'], properties: { name: str, version: str, devices: { type: 'integer' } } },
      Status: {
        type: 'object', required: ['raw', 'tokens', 'words', 'severity'],
        properties: { raw: strOrNull, tokens: { type: 'array', items: str }, words: str, severity: { type: 'integer', enum: [0, 1, 2] } },
      },
      Device: {
        type: 'object', required: ['id', 'name', 'server', 'description', 'status', 'readable', 'error', 'updated', 'vars', 'commands', 'rwvars'],
        properties: {
          id: str, name: str, server: str, description: str, status: { $ref: '#/components/schemas/Status' },
          readable: { type: 'boolean' }, error: strOrNull, updated: { type: 'string', nullable: true, format: 'date-time' },
          vars: { type: 'object', additionalProperties: str },
          commands: { type: 'array', items: str }, rwvars: { type: 'array', items: str },
        },
      },
      Var: { type: 'object', required: ['name', 'value'], properties: { name: str, value: str } },
      RwVar: {
        type: 'object', required: ['name', 'value', 'description', 'type'],
        properties: { name: str, value: str, description: str, type: str, maxLength: { type: 'integer' }, enum: { type: 'array', items: str }, range: { type: 'array', items: { type: 'object', required: ['min', 'max'], properties: { min: str, max: str } } } },
      },
      Command: { type: 'object', required: ['name', 'description'], properties: { name: str, description: str } },
      Result: { type: 'object', required: ['reply'], properties: { reply: str, result: str } },
      Session: { type: 'object', required: ['user', 'csrf'], properties: { user: str, csrf: str } },
      Event: { type: 'object', required: ['id', 'time', 'ups', 'type', 'message'], properties: { id: { type: 'integer' }, time: { type: 'string', format: 'date-time' }, ups: str, type: str, message: str } },
      History: {
        type: 'object', required: ['ups', 'range', 'ts', 'series'],
        properties: {
          ups: str, range: str, ts: { type: 'array', items: { type: 'integer' } },
          series: { type: 'object', additionalProperties: { type: 'array', items: { type: 'number', nullable: true } } },
        },
      },
    },
  },
} as const;
