import type { MountedService, Step } from '../pipeline';
import { jsonReply } from '../reply';

/** GET / on the front door: what is mounted where (the domain root answers 404 in AWS). */
export const platformIndexStep =
  (stage: string, services: readonly MountedService[]): Step =>
  async (exchange) =>
    Promise.resolve(
      exchange.url.pathname === '/' && exchange.method === 'GET'
        ? jsonReply(200, { stage, services: services.map((s) => ({ service: s.name, basePath: s.basePath })), docs: '/docs' })
        : undefined,
    );
