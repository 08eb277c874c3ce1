import { thrown as thrownBy } from '@emporium/testing/errors';
import { apiEvent } from '@emporium/testing/events';
import { z } from 'zod';
import type { AppError } from '../errors';
import { DEFAULT_MAX_BODY_BYTES, callerOf, headerOf, parseRequest } from './request';

const thrown = (fn: () => unknown) => thrownBy<AppError>(fn);

const contract = (error: AppError) => ({ code: error.code, status: error.status, title: error.title, detail: error.detail });

describe('headerOf: header lookup that ignores case', () => {
  const event = apiEvent({ headers: { 'Content-Type': 'application/json', 'x-Request-ID': 'abc', 'If-Match': '"3"' } });

  it.each([
    ['content-type', 'application/json'],
    ['CONTENT-TYPE', 'application/json'],
    ['Content-Type', 'application/json'],
    ['X-Request-Id', 'abc'],
    ['if-match', '"3"'],
  ])('finds %s', (name, value) => {
    expect(headerOf(event, name)).toBe(value);
  });

  it('answers undefined for a header that is absent, and for no headers at all', () => {
    expect(headerOf(event, 'authorization')).toBeUndefined();
    expect(headerOf(event, 'content')).toBeUndefined();
    expect(headerOf({ headers: null as unknown as Record<string, string> }, 'x')).toBeUndefined();
  });

  it('skips a header without a value and keeps looking', () => {
    expect(headerOf({ headers: { 'X-Key': undefined, 'x-key': 'second' } }, 'x-key')).toBe('second');
    expect(headerOf({ headers: { 'X-Key': undefined } }, 'x-key')).toBeUndefined();
  });

  it('returns an empty value as it came', () => {
    expect(headerOf({ headers: { 'x-empty': '' } }, 'X-Empty')).toBe('');
  });
});

describe('callerOf', () => {
  it("is the gateway's source address, with the API key id when there is one", () => {
    const event = apiEvent();
    expect(callerOf(event)).toEqual({ sourceIp: '127.0.0.1' });
    event.requestContext.identity.apiKeyId = 'key-1';
    expect(callerOf(event)).toEqual({ sourceIp: '127.0.0.1', apiKeyId: 'key-1' });
  });

  it('is "unknown" without an identity', () => {
    expect(callerOf({ requestContext: undefined as never })).toEqual({ sourceIp: 'unknown' });
    expect(callerOf({ requestContext: { identity: {} } as never })).toEqual({ sourceIp: 'unknown' });
  });
});

describe('parseRequest: the body', () => {
  const body = z.object({ name: z.string() });
  /** A JSON body of exactly `bytes` bytes: `{"name":"xxx..."}`. */
  const bodyOf = (bytes: number) => JSON.stringify({ name: 'x'.repeat(bytes - 11) });

  it('refuses a body where the route takes none (400), whatever it holds', () => {
    for (const event of [
      apiEvent({ method: 'POST', body: { name: 'a' } }),
      apiEvent({ method: 'POST', rawBody: 'x', headers: { 'content-type': 'text/plain' } }),
    ]) {
      expect(contract(thrown(() => parseRequest(event, {})))).toEqual({
        code: 'VALIDATION_FAILED',
        status: 400,
        title: 'Bad Request',
        detail: 'This endpoint takes no request body; send none.',
      });
    }
  });

  it('takes an empty body as no body', () => {
    expect(parseRequest(apiEvent({ method: 'DELETE', rawBody: '' }), {})).toEqual({
      body: undefined,
      query: undefined,
      params: undefined,
      headers: undefined,
    });
  });

  it('needs a body where the route takes one (400)', () => {
    for (const event of [apiEvent({ method: 'POST' }), apiEvent({ method: 'POST', rawBody: '' })]) {
      expect(contract(thrown(() => parseRequest(event, { body })))).toEqual({
        code: 'VALIDATION_FAILED',
        status: 400,
        title: 'Bad Request',
        detail: 'This endpoint needs a JSON request body.',
      });
    }
  });

  it('accepts a body of exactly the limit and refuses one byte more (413, naming both sizes)', () => {
    const exactly = bodyOf(100);
    expect(Buffer.byteLength(exactly)).toBe(100);
    expect(parseRequest(apiEvent({ method: 'POST', rawBody: exactly }), { body, maxBodyBytes: 100 }).body).toEqual({ name: 'x'.repeat(89) });

    const over = bodyOf(101);
    expect(contract(thrown(() => parseRequest(apiEvent({ method: 'POST', rawBody: over }), { body, maxBodyBytes: 100 })))).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
      title: 'Payload Too Large',
      detail: 'The request body is 101 bytes; the limit is 100 bytes.',
    });
  });

  it('counts bytes, not characters', () => {
    const text = JSON.stringify({ name: 'é'.repeat(10) }); // 21 characters, 31 bytes
    expect(thrown(() => parseRequest(apiEvent({ method: 'POST', rawBody: text }), { body, maxBodyBytes: 30 })).detail).toBe(
      'The request body is 31 bytes; the limit is 30 bytes.',
    );
    expect(parseRequest(apiEvent({ method: 'POST', rawBody: text }), { body, maxBodyBytes: 31 }).body).toEqual({ name: 'é'.repeat(10) });
  });

  it('caps bodies at 64 KiB by default', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(65536);
    expect(parseRequest(apiEvent({ method: 'POST', rawBody: bodyOf(65536) }), { body }).body).toBeDefined();
    expect(thrown(() => parseRequest(apiEvent({ method: 'POST', rawBody: bodyOf(65537) }), { body })).detail).toBe(
      'The request body is 65537 bytes; the limit is 65536 bytes.',
    );
  });

  it('decodes a base64-encoded body and measures it decoded', () => {
    const event = apiEvent({ method: 'POST', rawBody: Buffer.from('{"name":"b64"}').toString('base64') });
    event.isBase64Encoded = true;
    expect(parseRequest(event, { body, maxBodyBytes: 14 }).body).toEqual({ name: 'b64' });
    expect(thrown(() => parseRequest(event, { body, maxBodyBytes: 13 })).detail).toBe('The request body is 14 bytes; the limit is 13 bytes.');
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    ' application/json ;x=y',
    'application/merge-patch+json',
    'application/vnd.emporium.v1+json',
  ])('accepts the JSON media type %p', (contentType) => {
    const event = apiEvent({ method: 'POST', rawBody: '{"name":"a"}', headers: { 'Content-Type': contentType } });
    expect(parseRequest(event, { body }).body).toEqual({ name: 'a' });
  });

  it.each(['text/plain', 'text/json', 'application/jsonx', 'application/json-seq', 'application/+json', 'xapplication/json', 'application/x+jsonp', ''])(
    'refuses the media type %p (415)',
    (contentType) => {
      const event = apiEvent({ method: 'POST', rawBody: '{"name":"a"}', headers: { 'content-type': contentType } });
      expect(contract(thrown(() => parseRequest(event, { body })))).toEqual({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        status: 415,
        title: 'Unsupported Media Type',
        detail: `Send the body as application/json (got ${contentType}).`,
      });
    },
  );

  it('refuses a body without a content type (415), saying so', () => {
    const event = apiEvent({ method: 'POST', rawBody: '{"name":"a"}' });
    event.headers = {};
    expect(thrown(() => parseRequest(event, { body })).detail).toBe('Send the body as application/json (got no Content-Type).');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON, quoting the parser', () => {
    const error = thrown(() => parseRequest(apiEvent({ method: 'POST', rawBody: '{"name":' }), { body }));
    expect(error).toMatchObject({ code: 'MALFORMED_JSON', status: 400, title: 'Bad Request' });
    expect(error.detail).toMatch(/^The request body is not valid JSON: \S/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('validates the body against the schema (400 naming the field)', () => {
    const error = thrown(() => parseRequest(apiEvent({ method: 'POST', body: { name: 1 } }), { body }));
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      errors: [{ path: 'body.name', message: 'Expected a string', code: 'invalid_type' }],
    });
  });
});

describe('parseRequest: path, query and headers', () => {
  const spec = {
    params: z.object({ id: z.string() }),
    query: z.object({ limit: z.coerce.number().optional() }),
    headers: z.object({ 'Idempotency-Key': z.string().optional(), 'If-Match': z.string().optional() }),
  };

  it('parses each part with its schema, headers under their canonical names whatever their case', () => {
    const event = apiEvent({
      pathParameters: { id: 'p1' },
      query: { limit: '5' },
      headers: { 'idempotency-key': 'k1', 'IF-MATCH': '"2"', 'x-other': 'not declared' },
    });
    expect(parseRequest(event, spec)).toEqual({
      params: { id: 'p1' },
      query: { limit: 5 },
      headers: { 'Idempotency-Key': 'k1', 'If-Match': '"2"' },
      body: undefined,
    });
  });

  it('treats absent path parameters and query string as empty', () => {
    const parsed = parseRequest(apiEvent(), { query: spec.query, headers: spec.headers });
    expect(parsed).toEqual({ params: undefined, query: {}, headers: {}, body: undefined });
    expect(thrown(() => parseRequest(apiEvent(), { params: spec.params })).errors).toEqual([{ path: 'path.id', message: 'Required', code: 'invalid_type' }]);
  });

  it('names an invalid query parameter and header by where they came from', () => {
    const query = thrown(() => parseRequest(apiEvent({ query: { limit: 'many' } }), { query: z.object({ limit: z.coerce.number() }) }));
    expect(query.errors).toEqual([{ path: 'query.limit', message: 'Expected a number', code: 'invalid_type' }]);
    const header = thrown(() => parseRequest(apiEvent(), { headers: z.object({ 'Idempotency-Key': z.string() }) }));
    expect(header.errors).toEqual([{ path: 'header.Idempotency-Key', message: 'Required', code: 'invalid_type' }]);
  });
});
