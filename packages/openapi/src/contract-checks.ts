/**
 * The contract part of every service's tests, registered with one call from its test/contract.test.ts:
 * the generated files are those of the contract, the released versions are not broken, and
 * each version's serverless file (serverless.yml for v1, serverless.<version>.yml after) declares
 * exactly that version's routes. Uses the jest globals of the calling file.
 */
import type { ApiContract } from '@emporium/common/http/api';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { gatewayRequestsPath, releasedDocumentPath, serverlessConfigPath, serviceArtifacts } from './artifacts';
import { breakingChanges } from './breaking-changes';
import { openApiDocument } from './document';
import { gatewayRequests } from './gateway-models';

interface HttpEvent {
  path: string;
  method: string;
  authorizer?: unknown;
  private?: boolean;
  caching?: { enabled?: boolean };
  request?: unknown;
}

/** The http events of a serverless file by function name (the shared functions of the base config included). */
const httpEventsOf = (serviceDir: string, configFile: string): Map<string, HttpEvent[]> => {
  const read = (file: string) => parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const service = read(path.join(serviceDir, configFile));
  const base = read(path.join(serviceDir, '..', '..', 'serverless.base.yml'));
  const functions = new Map<string, HttpEvent[]>();
  const entries = (service['functions'] as unknown[]).flatMap((entry) =>
    typeof entry === 'string' && entry.includes('serverless.base.yml):sharedFunctions') ? [base['sharedFunctions']] : [entry],
  );
  for (const group of entries as Record<string, { events?: { http?: HttpEvent }[] }>[]) {
    for (const [name, fn] of Object.entries(group)) {
      functions.set(
        name,
        (fn.events ?? []).flatMap((event) => (event.http ? [event.http] : [])),
      );
    }
  }
  return functions;
};

const normalisedPath = (value: string) => `/${value.replace(/^\/+/, '')}`;

export interface ContractChecksOptions {
  serviceDir: string;
  apis: readonly ApiContract[];
}

export const describeContractChecks = ({ serviceDir, apis }: ContractChecksOptions): void => {
  describe('generated files', () => {
    const files = serviceArtifacts(apis);
    it.each(Object.keys(files))('%s is what the contract generates (run `pnpm generate` after changing the contract)', (file) => {
      const onDisk = existsSync(path.join(serviceDir, file)) ? readFileSync(path.join(serviceDir, file), 'utf8') : '(missing)';
      expect(onDisk === files[file] ? 'up to date' : `${file} is out of date: run pnpm generate`).toBe('up to date');
    });
  });

  describe.each(apis.map((api) => [api.version, api] as const))('released %s', (version, api) => {
    const releasedFile = path.join(serviceDir, releasedDocumentPath(version));
    it('is kept in the repository as the baseline of the breaking-change check', () => {
      expect(existsSync(releasedFile)).toBe(true);
    });
    it('has no breaking change in the current contract', () => {
      const released: unknown = JSON.parse(readFileSync(releasedFile, 'utf8'));
      const changes = breakingChanges(released, openApiDocument(api));
      expect(changes.length === 0 ? 'no breaking change' : `Breaking changes to the released ${api.basePath}:\n- ${changes.join('\n- ')}`).toBe(
        'no breaking change',
      );
    });
  });

  describe.each(apis.map((api) => [serverlessConfigPath(api.version), api] as const))('%s', (configFile, api) => {
    const events = httpEventsOf(serviceDir, configFile);
    const routes = api.routes;
    const requests = gatewayRequests(api);
    const requestsFile = gatewayRequestsPath(api.version);

    it(`declares a function for every route of ${api.basePath}, named by its operationId, and no route the contract lacks`, () => {
      const declared = [...events].flatMap(([name, list]) => list.map((e) => `${name} ${e.method.toUpperCase()} ${normalisedPath(e.path)}`)).sort();
      expect(declared).toEqual(routes.map((r) => `${r.operationId} ${r.method} ${r.path}`).sort());
    });

    it.each(routes.map((r) => [r.operationId, r] as const))('%s: authorizer exactly when the route needs a role', (operationId, route) => {
      const [event] = events.get(operationId) ?? [];
      expect(Boolean(event?.authorizer)).toBe(route.roles !== undefined);
    });

    it.each(routes.map((r) => [r.operationId, r] as const))(
      '%s: API key required (private: true) exactly when the contract says apiKey',
      (operationId, route) => {
        const [event] = events.get(operationId) ?? [];
        expect(event?.private === true).toBe(route.apiKey === true);
      },
    );

    it.each(routes.map((r) => [r.operationId, r] as const))('%s: cached at the gateway exactly when its reads are public', (operationId, route) => {
      const [event] = events.get(operationId) ?? [];
      expect(event?.caching?.enabled === true).toBe(route.method === 'GET' && route.cache === 'public');
    });

    it.each(routes.map((r) => [r.operationId] as const))(
      `%s: gateway validation from ${requestsFile} exactly when there is something to validate`,
      (operationId) => {
        const [event] = events.get(operationId) ?? [];
        const expected = operationId in requests ? `\${file(./${requestsFile}):${operationId}}` : undefined;
        expect(event?.request).toEqual(expected);
      },
    );
  });
};
