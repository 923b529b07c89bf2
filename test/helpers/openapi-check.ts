// Checks a JSON value against a schema of the served OpenAPI document (the
// subset it uses: type, nullable, enum, properties, required, items,
// additionalProperties, $ref). Returns the list of problems, empty when valid.

type Schema = Record<string, unknown>;

export function checkSchema(doc: Schema, schema: Schema, value: unknown, at = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const s = ((doc.components as Schema).schemas as Record<string, Schema>)[name];
    if (!s) return [`${at}: unknown $ref ${schema.$ref}`];
    return checkSchema(doc, s, value, at);
  }
  if (value === null) return schema.nullable ? [] : [`${at}: null not allowed`];
  const out: string[] = [];
  const t = schema.type;
  const kind = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (t && !(t === kind || (t === 'number' && kind === 'integer'))) return [`${at}: expected ${String(t)}, got ${kind}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (t === 'array') (value as unknown[]).forEach((v, i) => out.push(...checkSchema(doc, schema.items as Schema, v, `${at}[${i}]`)));
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) out.push(`${at}: missing ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) out.push(...checkSchema(doc, props[k]!, v, `${at}.${k}`));
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.push(...checkSchema(doc, schema.additionalProperties as Schema, v, `${at}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${at}: unexpected ${k}`);
      else if (!schema.additionalProperties && Object.keys(props).length > 0) out.push(`${at}: undocumented property ${k}`);
    }
  }
  return out;
}

/** the response schema for `method path` and `status` in the document */
export function responseSchema(doc: Schema, path: string, method: string, status: number): Schema {
  const p = (doc.paths as Record<string, Record<string, Schema>>)[path];
  if (!p) throw new Error(`path ${path} not documented`);
  const op = p[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${path} not documented`);
  const r = (op.responses as Record<string, Schema>)[String(status)];
  if (!r) throw new Error(`${method} ${path} → ${status} not documented`);
  return ((r.content as Record<string, Schema>)['application/json'] as Schema).schema as Schema;
}
