import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv from 'ajv-draft-04';
import type { HttpEventConfig } from '../config/service-config';

/**
 * API Gateway's request validation (a RequestValidator with a body model and required
 * parameters), from the route's `request` block in its resolved serverless.yml: the very models
 * the Framework compiles into AWS::ApiGateway::Model (generated from the contract into
 * openapi/gateway.json). Body models are JSON Schema draft 4, as API Gateway's; ajv-draft-04
 * checks them. Only presence is checked for parameters, as in API Gateway.
 */

export type ValidationOutcome = { ok: true } | { ok: false; kind: 'body' | 'parameters'; message: string };

interface ParameterRequirements {
  paths?: Record<string, boolean | { required?: boolean }>;
  querystrings?: Record<string, boolean | { required?: boolean }>;
  headers?: Record<string, boolean | { required?: boolean }>;
}

export interface RequestModel {
  schemas?: Record<string, unknown>;
  parameters?: ParameterRequirements;
}

const requiredNames = (parameters: Record<string, boolean | { required?: boolean }> | undefined): string[] =>
  Object.entries(parameters ?? {})
    .filter(([, value]) => (typeof value === 'object' && value !== null ? value.required !== false : value === true))
    .map(([name]) => name);

/** One error as API Gateway's validator (json-schema-validator) words it, with where it is. */
const describe = (error: ErrorObject): string => {
  const at = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `object has missing required properties (["${String(params['missingProperty'])}"]) at ${at}`;
    case 'additionalProperties':
      return `object instance has properties which are not allowed by the schema: ["${String(params['additionalProperty'])}"] at ${at}`;
    case 'type':
      return `instance type does not match any allowed primitive type (allowed: ["${String(params['type'])}"]) at ${at}`;
    case 'enum':
      return `instance value not found in enum at ${at}`;
    case 'pattern':
      return `ECMA 262 regex "${String(params['pattern'])}" does not match input string at ${at}`;
    default:
      return `${error.message ?? error.keyword} at ${at}`;
  }
};

const isJson = (contentType: string | undefined): boolean => {
  const mediaType = (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
};

export class RequestValidator {
  private readonly body?: ValidateFunction;
  private readonly required: { paths: string[]; querystrings: string[]; headers: string[] };

  constructor(model: RequestModel, ajv: Ajv) {
    const json = model.schemas?.['application/json'] as { schema?: unknown } | undefined;
    const schema = json && typeof json === 'object' && 'schema' in json ? json.schema : json;
    if (schema && typeof schema === 'object') this.body = ajv.compile(schema);
    this.required = {
      paths: requiredNames(model.parameters?.paths),
      querystrings: requiredNames(model.parameters?.querystrings),
      headers: requiredNames(model.parameters?.headers),
    };
  }

  /** The validator of a route, or undefined when its serverless.yml asks for no validation. */
  static of(http: HttpEventConfig, ajv: Ajv): RequestValidator | undefined {
    const request = http.request as RequestModel | undefined;
    if (!request || (!request.schemas && !request.parameters)) return undefined;
    return new RequestValidator(request, ajv);
  }

  validate(input: {
    pathParameters: Record<string, string | undefined> | null;
    query: Record<string, string | undefined> | null;
    headers: Record<string, string | undefined>;
    contentType: string | undefined;
    body: string | null;
  }): ValidationOutcome {
    const headerNames = new Set(Object.keys(input.headers).map((h) => h.toLowerCase()));
    const missing = [
      ...this.required.paths.filter((name) => !input.pathParameters?.[name]),
      ...this.required.querystrings.filter((name) => input.query?.[name] === undefined),
      ...this.required.headers.filter((name) => !headerNames.has(name.toLowerCase())),
    ];
    if (missing.length > 0) return { ok: false, kind: 'parameters', message: `Missing required request parameters: [${missing.join(', ')}]` };
    if (!this.body || !isJson(input.contentType)) return { ok: true };
    let value: unknown;
    try {
      value = input.body === null || input.body === '' ? null : JSON.parse(input.body);
    } catch {
      return { ok: false, kind: 'body', message: 'Invalid request body: the body is not valid JSON' };
    }
    if (this.body(value)) return { ok: true };
    return { ok: false, kind: 'body', message: `[${(this.body.errors ?? []).map(describe).join(', ')}]` };
  }
}

/** One ajv for all routes: draft 4, every error, unicode regexes (\p{..}), no format checks (models carry none). */
export const newModelChecker = (): Ajv => new Ajv({ allErrors: true, strict: false, unicodeRegExp: true, validateFormats: false });
