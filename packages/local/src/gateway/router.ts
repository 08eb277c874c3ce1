import type { MethodSettings } from '@emporium/api-stage/settings';
import type { HttpEventConfig } from '../config/service-config';
import type { RequestValidator } from './request-validator';

export interface Route {
  service: string;
  functionName: string;
  method: string;
  /** API Gateway resource path, e.g. /products/{id}. */
  resource: string;
  http: HttpEventConfig;
  pattern: RegExp;
  paramNames: string[];
  /** The route's request validation, when its http event declares `request`. */
  validator?: RequestValidator;
  /** Its stage settings (throttle, stage cache), as the CloudFormation stage has them. */
  stage: MethodSettings;
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles an API Gateway resource path: {name} matches one segment, {name+} the rest. */
export const compileRoute = (route: Omit<Route, 'pattern' | 'paramNames'>): Route => {
  const paramNames: string[] = [];
  const source = route.resource
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        paramNames.push(greedy[1]);
        return '(.+)';
      }
      const single = /^\{(\w+)\}$/.exec(segment);
      if (single?.[1]) {
        paramNames.push(single[1]);
        return '([^/]+)';
      }
      return escape(segment);
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}/?$`), paramNames };
};

const specificity = (route: Route): number => route.resource.split('/').filter((s) => !s.startsWith('{')).length;

export class Router {
  private readonly routes: Route[];

  constructor(routes: Route[]) {
    // Literal segments win over parameters, as in API Gateway (/products/search before /products/{id}).
    this.routes = [...routes].sort((a, b) => specificity(b) - specificity(a));
  }

  /** Every route, most specific first (the local console lists them). */
  list(): readonly Route[] {
    return this.routes;
  }

  /** The route for method + path, or the methods the path supports (for 405 / CORS preflight). */
  match(method: string, path: string): { match?: RouteMatch; allowed: string[] } {
    const allowed: string[] = [];
    let found: RouteMatch | undefined;
    for (const route of this.routes) {
      const result = route.pattern.exec(path);
      if (!result) continue;
      allowed.push(route.method);
      if (found || (route.method !== method && route.method !== 'ANY')) continue;
      let decodedOk = true;
      const pathParameters = Object.fromEntries(
        route.paramNames.map((name, index) => {
          const raw = result[index + 1] ?? '';
          try {
            return [name, decodeURIComponent(raw)];
          } catch {
            decodedOk = false;
            return [name, raw];
          }
        }),
      );
      if (decodedOk) found = { route, pathParameters };
    }
    return { ...(found ? { match: found } : {}), allowed: [...new Set(allowed)] };
  }
}
