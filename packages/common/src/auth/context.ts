import type { APIGatewayProxyEvent } from 'aws-lambda';

export type Role = 'customer' | 'admin' | 'service';

/** Who is calling, as the gateway's authorizer established it. */
export interface AuthContext {
  principalId: string;
  role: Role;
}

const ROLES: readonly Role[] = ['customer', 'admin', 'service'];

/**
 * Reads the caller from the authorizer context API Gateway (or the local front door) puts on the
 * event. Undefined for public routes or anonymous calls. Handlers never parse tokens themselves.
 */
export const authContextOf = (event: Pick<APIGatewayProxyEvent, 'requestContext'>): AuthContext | undefined => {
  const authorizer: Record<string, unknown> | null | undefined = event.requestContext?.authorizer;
  const principalId = authorizer?.['principalId'];
  const role = authorizer?.['role'];
  if (typeof principalId !== 'string' || typeof role !== 'string') return undefined;
  if (!ROLES.includes(role as Role)) return undefined;
  return { principalId, role: role as Role };
};
