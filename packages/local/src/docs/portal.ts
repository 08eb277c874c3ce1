import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths';
import type { Exchange, Step } from '../gateway/pipeline';
import type { Reply } from '../gateway/reply';

/** The API documents the portal lists: every mounted service and version that serves one. */
export interface PortalDocument {
  /** Shown in the portal's picker: `catalog v1`. */
  name: string;
  /** `/v1/catalog/openapi.json`, served by the service itself (its getOpenApiDocument function). */
  url: string;
}

const ASSETS = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['swagger-ui-standalone-preset.js', 'text/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
  ['favicon-16x16.png', 'image/png'],
]);

const assetDir = (): string => path.dirname(createRequire(path.join(PACKAGE_ROOT, 'package.json')).resolve('swagger-ui-dist/package.json'));

const page = (): string => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Emporium API docs</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/portal.js"></script>
</body>
</html>
`;

const initializer = (
  documents: readonly PortalDocument[],
  apiKey: string | undefined,
): string => `// Swagger UI over every service's OpenAPI document, served by the services themselves.
// Locally, "Try it out" sends the first-party web app's API key (keyed routes need one).
const LOCAL_API_KEY = ${JSON.stringify(apiKey ?? null)};
window.ui = SwaggerUIBundle({
  urls: ${JSON.stringify(documents)},
  'urls.primaryName': ${JSON.stringify(documents[0]?.name ?? '')},
  dom_id: '#swagger-ui',
  deepLinking: true,
  displayRequestDuration: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  plugins: [SwaggerUIBundle.plugins.DownloadUrl],
  layout: 'StandaloneLayout',
  onComplete: () => {
    if (LOCAL_API_KEY) window.ui.preauthorizeApiKey('apiKeyAuth', LOCAL_API_KEY);
  },
});
`;

const text = (body: string, contentType: string): Reply => ({
  statusCode: 200,
  headers: { 'content-type': contentType, 'cache-control': 'no-cache' },
  body: Buffer.from(body),
});

/**
 * GET /docs: the docs portal, Swagger UI (swagger-ui-dist from npm, served from this machine, no
 * CDN) over every service's OpenAPI document, with "Try it out" against this platform: each
 * document's server is its base path on the host that serves it. Locally it is authorized with the
 * first-party web app's API key, so keyed routes can be tried as they are.
 */
export const portalStep =
  (documents: () => readonly PortalDocument[], apiKey: () => string | undefined = () => undefined): Step =>
  async (exchange: Exchange) => {
    const { pathname } = exchange.url;
    if (exchange.method !== 'GET' && exchange.method !== 'HEAD') return undefined;
    if (pathname === '/docs' || pathname === '/docs/') return text(page(), 'text/html; charset=utf-8');
    if (pathname === '/docs/portal.js') return text(initializer(documents(), apiKey()), 'text/javascript; charset=utf-8');
    const asset = /^\/docs\/assets\/([\w.-]+)$/.exec(pathname)?.[1];
    const contentType = asset ? ASSETS.get(asset) : undefined;
    if (asset && contentType) {
      return {
        statusCode: 200,
        headers: { 'content-type': contentType, 'cache-control': 'public, max-age=3600' },
        body: await readFile(path.join(assetDir(), asset)),
      };
    }
    return undefined;
  };
