import type { RouteContract } from './route';

/** One version of a service's API as mounted on the domain: what its OpenAPI document describes. */
export interface ApiContract {
  service: string;
  /** `v1`: the first segment of the base path. */
  version: string;
  /** `/v1/catalog`: where the custom domain mounts the service's REST API stage. */
  basePath: string;
  title: string;
  description: string;
  tags: readonly { name: string; description: string }[];
  routes: readonly RouteContract[];
}
