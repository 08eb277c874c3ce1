import { newModelChecker, RequestValidator } from './request-validator';

const ajv = newModelChecker();
const model = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, pattern: '^[^\\p{Cc}]*$' },
    price: { type: 'object', properties: { amount: { type: 'integer' } }, required: ['amount'], additionalProperties: false },
  },
  required: ['name'],
  additionalProperties: false,
};
const validator = new RequestValidator(
  {
    schemas: { 'application/json': { name: 'CreateThing', schema: model } },
    parameters: { paths: { id: true }, querystrings: { limit: false, mode: true }, headers: { 'Idempotency-Key': true } },
  },
  ajv,
);
const valid = {
  pathParameters: { id: 'x' },
  query: { mode: 'a' },
  headers: { 'idempotency-key': 'k' },
  contentType: 'application/json',
  body: JSON.stringify({ name: 'Desk', price: { amount: 1 } }),
};

describe('RequestValidator (API Gateway request validation)', () => {
  it('lets a request through that has its required parameters and a body matching the model', () => {
    expect(validator.validate(valid)).toEqual({ ok: true });
  });

  it('names every missing required parameter, headers whatever their case', () => {
    expect(validator.validate({ ...valid, query: null, headers: {} })).toEqual({
      ok: false,
      kind: 'parameters',
      message: 'Missing required request parameters: [mode, Idempotency-Key]',
    });
    expect(validator.validate({ ...valid, headers: { 'IDEMPOTENCY-KEY': 'k' } }).ok).toBe(true);
  });

  it('refuses a body that breaks the model, with a pointer to each failing field', () => {
    const outcome = validator.validate({ ...valid, body: JSON.stringify({ price: { amount: '1' }, extra: true }) });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.kind).toBe('body');
    expect(outcome.message).toContain('missing required properties (["name"]) at /');
    expect(outcome.message).toContain('not allowed by the schema: ["extra"] at /');
    expect(outcome.message).toContain('(allowed: ["integer"]) at /price/amount');
  });

  it('checks unicode property patterns the way the contract means them', () => {
    expect(validator.validate({ ...valid, body: JSON.stringify({ name: 'Ada\u0000' }) }).ok).toBe(false);
    expect(validator.validate({ ...valid, body: JSON.stringify({ name: 'Åda Łovelace' }) }).ok).toBe(true);
  });

  it('treats a request without Content-Type as JSON, and an empty body as no object', () => {
    expect(validator.validate({ ...valid, contentType: undefined, body: '{}' }).ok).toBe(false);
    expect(validator.validate({ ...valid, body: null }).ok).toBe(false);
  });

  it('refuses a body that is not JSON', () => {
    expect(validator.validate({ ...valid, body: '{"name":' })).toEqual({
      ok: false,
      kind: 'body',
      message: 'Invalid request body: the body is not valid JSON',
    });
  });

  it('does not validate a body of another media type (the function answers 415)', () => {
    expect(validator.validate({ ...valid, contentType: 'text/plain', body: 'name=x' }).ok).toBe(true);
  });

  it('is absent for a route whose serverless.yml asks for no validation', () => {
    expect(RequestValidator.of({ method: 'get', path: '/x' }, ajv)).toBeUndefined();
    expect(RequestValidator.of({ method: 'get', path: '/x', request: { parameters: { querystrings: { limit: false } } } }, ajv)).toBeDefined();
  });
});
