import type { ApiContract } from '@emporium/common/http/api';
import type { RouteContract } from '@emporium/common/http/route';
import { documented } from './documented';
import { z } from 'zod';

/** JSON Schema draft 4: the draft API Gateway request models accept. */
export type Draft4Schema = Record<string, unknown>;

/**
 * A route's `request` block for serverless.yml's http event: the body model (the Framework turns it
 * into an AWS::ApiGateway::Model and a RequestValidator) and the parameters API Gateway checks for
 * presence (required: true), the only check it makes on parameters.
 */
export interface GatewayRequest {
  schemas?: { 'application/json': { name: string; description: string; schema: Draft4Schema } };
  parameters?: {
    paths?: Record<string, boolean>;
    querystrings?: Record<string, boolean>;
    headers?: Record<string, boolean>;
  };
}

const isRequired = (schema: z.core.$ZodType): boolean => !z.safeParse(schema, undefined).success;

/** Keywords whose value maps names (fields) to schemas: its keys are not keywords. */
const NAMED_SCHEMAS = new Set(['properties', 'patternProperties', 'definitions']);

/** Drops what draft 4 or API Gateway's validator does not know, keeping the structure. */
const draft4 = (value: unknown, names = false): unknown => {
  if (Array.isArray(value)) return value.map((item) => draft4(item));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    // `format` duplicates the pattern zod also emits; `default` does not validate. A field named
    // `format` or `default` (a key of `properties`) is no keyword and stays.
    if (!names && (key === '$schema' || key === 'format' || key === 'default' || key === 'examples' || key === 'example')) continue;
    out[key] = draft4(child, !names && NAMED_SCHEMAS.has(key));
  }
  return out;
};

/** The body schema as API Gateway validates it: the input side of the zod schema, in draft 4, inline. */
export const bodyModel = (schema: z.core.$ZodType): Draft4Schema => {
  const json = z.toJSONSchema(schema, {
    target: 'draft-04',
    io: 'input',
    // Refinements and transforms stay the Lambda's job; the gateway checks the structure.
    unrepresentable: 'any',
    // An empty registry: no ids, so no $refs; a model is one self-contained schema.
    metadata: z.registry(),
    // A string the Lambda trims or re-cases before checking it: its pattern and maximum length hold
    // for the normalised value, not for what is sent, so the gateway (which sees what is sent) must
    // not enforce them, or it would refuse what the function accepts (" desk-1" as SKU DESK-1).
    override: ({ zodSchema, jsonSchema }) => {
      // Constraints a schema publishes as metadata (the currency list of a refined string) still apply.
      const published = z.globalRegistry.get(zodSchema as unknown as z.ZodType) as { enum?: (string | number | boolean | null)[] } | undefined;
      if (published?.enum) jsonSchema.enum = published.enum;
      const checks = (zodSchema._zod.def as { checks?: { _zod: { def: { check: string } } }[] }).checks ?? [];
      if (checks.some((check) => check._zod.def.check === 'overwrite')) {
        delete jsonSchema.pattern;
        delete jsonSchema.maxLength;
      }
    },
  });
  return { $schema: 'http://json-schema.org/draft-04/schema#', ...(draft4(json) as Draft4Schema) };
};

const modelName = (operationId: string): string => `${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}Request`;

const presence = (shape: Readonly<Record<string, z.core.$ZodType>> | undefined): Record<string, boolean> | undefined => {
  if (!shape || Object.keys(shape).length === 0) return undefined;
  return Object.fromEntries(Object.entries(shape).map(([name, schema]) => [name, isRequired(schema)]));
};

export const gatewayRequestOf = (route: RouteContract): GatewayRequest | undefined => {
  const request = route.request ?? {};
  const parameters = {
    ...(presence(request.params?._zod.def.shape) ? { paths: presence(request.params?._zod.def.shape) } : {}),
    ...(presence(request.query?._zod.def.shape) ? { querystrings: presence(request.query?._zod.def.shape) } : {}),
    ...(presence(request.headers?._zod.def.shape) ? { headers: presence(request.headers?._zod.def.shape) } : {}),
  };
  const result: GatewayRequest = {
    ...(request.body
      ? {
          schemas: {
            'application/json': {
              name: modelName(route.operationId),
              description: `${route.method} ${route.path}: ${documented(route.summary)}`,
              schema: bodyModel(request.body),
            },
          },
        }
      : {}),
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
  };
  return Object.keys(result).length > 0 ? result : undefined;
};

/**
 * The `request` block of every route that has something to validate, by operationId: written to
 * `openapi/gateway.json`, referenced from serverless.yml (`request: ${file(./openapi/gateway.json):createProduct}`),
 * read by the local front door from the same resolved configuration.
 */
export const gatewayRequests = (api: ApiContract): Record<string, GatewayRequest> => {
  const out: Record<string, GatewayRequest> = {};
  for (const route of api.routes) {
    const request = gatewayRequestOf(route);
    if (request) out[route.operationId] = request;
  }
  return out;
};
