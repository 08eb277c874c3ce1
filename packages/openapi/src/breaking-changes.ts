/**
 * Breaking changes between a released OpenAPI 3.1 document and the current one, as a client of the
 * released version would suffer them. Hand-written (docs/adr/0011): openapi-diff parses only
 * OpenAPI 3.0, and oasdiff is a Go binary that cannot be installed from npm.
 *
 * Requests must still accept everything the released contract accepted; responses must still be
 * readable by a client written against the released contract. Additive changes (a new route, an
 * optional input, a new response field, a new problem code) pass.
 */

type Json = Record<string, unknown>;
type Direction = 'request' | 'response';

interface Doc {
  paths?: Record<string, Record<string, Json>>;
  components?: { schemas?: Record<string, Json> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

const resolver = (doc: Doc) => {
  const resolve = (schema: unknown, seen = new Set<string>()): Json => {
    const object = asObject(schema);
    const ref = object['$ref'];
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (seen.has(name)) return {};
      seen.add(name);
      return resolve(doc.components?.schemas?.[name], seen);
    }
    return object;
  };
  return resolve;
};

/**
 * The security schemes a client of the released operation may now have to add. An operation's
 * `security` lists alternatives (any one suffices), each a set of schemes (all needed); no
 * `security` is one alternative needing nothing. A client that used a released alternative still
 * gets in when some current alternative needs no scheme it lacks; otherwise the schemes of the
 * smallest such gap are new requirements.
 */
const newlyRequiredSchemes = (before: unknown, after: unknown): string[] => {
  const alternatives = (security: unknown): Set<string>[] => {
    const list = Array.isArray(security) ? security : [];
    return list.length === 0 ? [new Set()] : list.map((entry) => new Set(Object.keys(asObject(entry))));
  };
  const current = alternatives(after);
  const missing = new Set<string>();
  for (const released of alternatives(before)) {
    const gaps = current.map((alternative) => [...alternative].filter((scheme) => !released.has(scheme)));
    if (gaps.some((gap) => gap.length === 0)) continue;
    const smallest = gaps.reduce((a, b) => (b.length < a.length ? b : a));
    for (const scheme of smallest) missing.add(scheme);
  }
  return [...missing].sort();
};

/** The types a schema admits, with `anyOf` branches (zod's nullable) folded in. */
const typesOf = (schema: Json, resolve: (s: unknown) => Json): Set<string> => {
  const types = new Set<string>();
  const type = schema['type'];
  if (typeof type === 'string') types.add(type);
  if (Array.isArray(type)) for (const t of type) types.add(String(t));
  for (const key of ['anyOf', 'oneOf']) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) for (const t of typesOf(resolve(branch), resolve)) types.add(t);
  }
  if ('const' in schema && types.size === 0) types.add(typeof schema['const'] === 'string' ? 'string' : typeof schema['const']);
  if (types.has('integer') && types.has('number')) types.delete('integer');
  return types;
};

/** The non-null branch of `anyOf: [X, {type: null}]`, or the schema itself. */
const nonNull = (schema: Json, resolve: (s: unknown) => Json): Json => {
  const branches = schema['anyOf'] ?? schema['oneOf'];
  if (!Array.isArray(branches)) return schema;
  const rest = branches.map((b) => resolve(b)).filter((b) => b['type'] !== 'null');
  return rest.length === 1 && rest[0] ? rest[0] : schema;
};

const enumOf = (schema: Json): unknown[] | undefined => {
  if (Array.isArray(schema['enum'])) return schema['enum'] as unknown[];
  if ('const' in schema) return [schema['const']];
  return undefined;
};

const num = (schema: Json, key: string): number | undefined => (typeof schema[key] === 'number' ? schema[key] : undefined);

const compareSchemas = (
  released: unknown,
  current: unknown,
  where: string,
  direction: Direction,
  resolveReleased: (s: unknown) => Json,
  resolveCurrent: (s: unknown) => Json,
  out: string[],
  depth = 0,
): void => {
  if (depth > 20) return;
  const before = resolveReleased(released);
  const after = resolveCurrent(current);
  const typesBefore = typesOf(before, resolveReleased);
  const typesAfter = typesOf(after, resolveCurrent);
  const isAny = (types: Set<string>) => types.size === 0;
  if (!isAny(typesBefore) && !isAny(typesAfter)) {
    if (direction === 'request') {
      const lost = [...typesBefore].filter((t) => !typesAfter.has(t) && !(t === 'integer' && typesAfter.has('number')));
      if (lost.length > 0) out.push(`${where}: narrowed type, no longer accepts ${lost.join(', ')}`);
    } else {
      const gained = [...typesAfter].filter((t) => !typesBefore.has(t) && !(t === 'integer' && typesBefore.has('number')));
      if (gained.length > 0) out.push(`${where}: changed type, may now be ${gained.join(', ')}`);
    }
  } else if (direction === 'request' && isAny(typesBefore) && !isAny(typesAfter)) {
    out.push(`${where}: narrowed type, now only ${[...typesAfter].join(', ')}`);
  }

  const a = nonNull(before, resolveReleased);
  const b = nonNull(after, resolveCurrent);

  const enumBefore = enumOf(a);
  const enumAfter = enumOf(b);
  if (direction === 'request' && enumBefore && enumAfter) {
    for (const value of enumBefore) if (!enumAfter.includes(value)) out.push(`${where}: removed enum value ${JSON.stringify(value)}`);
  }
  if (direction === 'request' && !enumBefore && enumAfter) out.push(`${where}: narrowed to the values ${enumAfter.map((v) => JSON.stringify(v)).join(', ')}`);
  if (direction === 'response' && enumBefore && enumAfter) {
    for (const value of enumAfter) if (!enumBefore.includes(value)) out.push(`${where}: new enum value ${JSON.stringify(value)} that clients do not know`);
  }

  if (direction === 'request') {
    const tighter = (key: string, higherIsTighter: boolean) => {
      const x = num(a, key);
      const y = num(b, key);
      if (y === undefined) return;
      if (x === undefined || (higherIsTighter ? y > x : y < x)) out.push(`${where}: narrowed ${key} ${x ?? 'none'} -> ${y}`);
    };
    tighter('minLength', true);
    tighter('maxLength', false);
    tighter('minimum', true);
    tighter('maximum', false);
    tighter('exclusiveMinimum', true);
    tighter('exclusiveMaximum', false);
    tighter('minItems', true);
    tighter('maxItems', false);
    if (typeof b['pattern'] === 'string' && b['pattern'] !== a['pattern'])
      out.push(`${where}: changed pattern ${JSON.stringify(a['pattern'] ?? null)} -> ${JSON.stringify(b['pattern'])}`);
  }

  const propsBefore = asObject(a['properties']);
  const propsAfter = asObject(b['properties']);
  const requiredBefore = new Set(Array.isArray(a['required']) ? (a['required'] as string[]) : []);
  const requiredAfter = new Set(Array.isArray(b['required']) ? (b['required'] as string[]) : []);
  for (const [name, schema] of Object.entries(propsBefore)) {
    const path = `${where}.${name}`;
    if (!(name in propsAfter)) {
      if (direction === 'response') out.push(`${path}: removed field`);
      else if (b['additionalProperties'] === false) out.push(`${path}: removed field (now refused as unknown)`);
      continue;
    }
    if (direction === 'response' && requiredBefore.has(name) && !requiredAfter.has(name)) out.push(`${path}: may now be missing (no longer required)`);
    compareSchemas(schema, propsAfter[name], path, direction, resolveReleased, resolveCurrent, out, depth + 1);
  }
  if (direction === 'request') {
    for (const name of requiredAfter) if (!requiredBefore.has(name)) out.push(`${where}.${name}: new required input`);
    if (a['additionalProperties'] !== false && b['additionalProperties'] === false && typesBefore.has('object')) {
      out.push(`${where}: now refuses unknown fields`);
    }
  }
  if (a['items'] !== undefined && b['items'] !== undefined) {
    compareSchemas(a['items'], b['items'], `${where}[]`, direction, resolveReleased, resolveCurrent, out, depth + 1);
  }
};

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}

const parametersOf = (operation: Json): Parameter[] => (Array.isArray(operation['parameters']) ? (operation['parameters'] as Parameter[]) : []);
const key = (p: Parameter) => `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;

const jsonSchemaOf = (holder: unknown, mediaType: string): unknown => asObject(asObject(asObject(holder)['content'])[mediaType])['schema'];

/** Every breaking change from `released` to `current`, each one line naming where it is. */
export const breakingChanges = (releasedDoc: unknown, currentDoc: unknown): string[] => {
  const released = releasedDoc as Doc;
  const current = currentDoc as Doc;
  const resolveReleased = resolver(released);
  const resolveCurrent = resolver(current);
  const out: string[] = [];
  for (const [path, item] of Object.entries(released.paths ?? {})) {
    for (const method of METHODS) {
      const before = item[method];
      if (!before) continue;
      const op = `${method.toUpperCase()} ${path}`;
      const after = current.paths?.[path]?.[method];
      if (!after) {
        out.push(`${op}: removed route`);
        continue;
      }
      for (const scheme of newlyRequiredSchemes(before['security'], after['security'])) out.push(`${op}: now needs ${scheme}`);

      const paramsBefore = new Map(parametersOf(before).map((p) => [key(p), p]));
      const paramsAfter = new Map(parametersOf(after).map((p) => [key(p), p]));
      for (const [id, parameter] of paramsAfter) {
        const old = paramsBefore.get(id);
        if (parameter.required && !old?.required) out.push(`${op}: new required input, ${parameter.in} parameter ${parameter.name}`);
        if (old) compareSchemas(old.schema, parameter.schema, `${op} ${parameter.in} ${parameter.name}`, 'request', resolveReleased, resolveCurrent, out);
      }
      for (const [id, parameter] of paramsBefore) {
        if (!paramsAfter.has(id)) out.push(`${op}: removed ${parameter.in} parameter ${parameter.name}`);
      }

      const bodyBefore = jsonSchemaOf(before['requestBody'], 'application/json');
      const bodyAfter = jsonSchemaOf(after['requestBody'], 'application/json');
      if (bodyAfter !== undefined && bodyBefore === undefined && asObject(after['requestBody'])['required'] === true) {
        out.push(`${op}: new required request body`);
      }
      if (bodyBefore !== undefined && bodyAfter !== undefined) {
        compareSchemas(bodyBefore, bodyAfter, `${op} body`, 'request', resolveReleased, resolveCurrent, out);
      }

      const responsesBefore = asObject(before['responses']);
      const responsesAfter = asObject(after['responses']);
      for (const [status, response] of Object.entries(responsesBefore)) {
        if (!status.startsWith('2') && status !== '304') continue;
        if (!(status in responsesAfter)) {
          out.push(`${op}: removed response ${status}`);
          continue;
        }
        const schemaBefore = jsonSchemaOf(response, 'application/json');
        const schemaAfter = jsonSchemaOf(responsesAfter[status], 'application/json');
        if (schemaBefore !== undefined) {
          if (schemaAfter === undefined) out.push(`${op} ${status}: removed response body`);
          else compareSchemas(schemaBefore, schemaAfter, `${op} ${status} body`, 'response', resolveReleased, resolveCurrent, out);
        }
        const headersBefore = Object.keys(asObject(asObject(response)['headers']));
        const headersAfter = new Set(Object.keys(asObject(asObject(responsesAfter[status])['headers'])));
        for (const header of headersBefore) if (!headersAfter.has(header)) out.push(`${op} ${status}: removed response header ${header}`);
      }
    }
  }
  return [...new Set(out)];
};
