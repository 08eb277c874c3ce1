import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { AuthContext, Role } from '../auth/context';
import { authContextOf } from '../auth/context';
import { contentionError } from '../dynamodb/errors';
import { ForbiddenError, isAppError, UnauthorizedError } from '../errors';
import { getLogger } from '../logger';
import type { ParsedRequest, RequestSpec } from './request';
import { headerOf, parseRequest } from './request';
import type { HttpResult } from './response';
import { jsonResponse, problemResponse } from './response';

export interface HandlerSpec extends RequestSpec {
  /** Roles allowed to call the route; omit for a public route. */
  roles?: readonly Role[];
}

export type HttpRequest<S extends HandlerSpec> = ParsedRequest<S> & {
  /** Case-insensitive header lookup. */
  header: (name: string) => string | undefined;
  auth: AuthContext | undefined;
  requestId: string;
  event: APIGatewayProxyEvent;
};

export type HttpHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The ONE error mapper: AppError -> its status; anything else -> logged, generic 500. */
const problemErrors = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: (request) => {
    const error = contentionError(request.error) ?? request.error;
    if (isAppError(error) && error.status < 500) {
      getLogger().info('request rejected', { code: error.code, status: error.status });
    } else {
      getLogger().error('unhandled error', error as Error);
    }
    request.response = problemResponse(error, request.context.awsRequestId, request.event.path);
  },
});

const authorize = (auth: AuthContext | undefined, roles: readonly Role[] | undefined): void => {
  if (roles === undefined) return;
  if (auth === undefined) throw new UnauthorizedError('Authentication required');
  if (!roles.includes(auth.role)) {
    throw new ForbiddenError('Not allowed', { detail: `This operation needs one of the roles: ${roles.join(', ')}.` });
  }
};

/**
 * Wraps a route's logic into an API Gateway (REST, Lambda proxy) handler: structured logging
 * context, role check, JSON body parsing, zod validation of body/query/path, JSON serialisation
 * and one error mapper to problem+json. Route code stays free of try/catch and HTTP plumbing.
 *
 * @example
 * export const handler = httpHandler({ params: productIdParams }, async ({ params }) => ({
 *   body: await getProduct(params.id, deps()),
 * }));
 */
export const httpHandler = <S extends HandlerSpec>(
  spec: S,
  route: (request: HttpRequest<S>) => Promise<HttpResult>,
): HttpHandler =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(getLogger(), { resetKeys: true, logEvent: false })) // events hold passwords and tokens
    .use(problemErrors())
    .handler(async (event, context) => {
      const auth = authContextOf(event);
      authorize(auth, spec.roles);
      const parsed = parseRequest(event, spec);
      const result = await route({
        ...parsed,
        header: (name) => headerOf(event, name),
        auth,
        requestId: context.awsRequestId,
        event,
      });
      return jsonResponse(result);
    });
