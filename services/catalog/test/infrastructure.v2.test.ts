/**
 * Infrastructure test of catalog API v2: packages serverless.v2.yml (stack `catalog-v2`, offline)
 * for dev, test and prod. It passes the platform conventions as a stack of its own that belongs to
 * catalog (docs/adr/0015): base path v2/catalog on the stage's domain, catalog's table by the ARN the
 * `catalog` stack exports (no table here), every function's IAM scoped to that imported ARN.
 */
import path from 'node:path';
import { functionLogicalId } from '@emporium/testing/cloudformation/lambda';
import { STAGES } from '@emporium/testing/cloudformation/stages';
import { describePlatformConventions, packageStagesForSuite } from '@emporium/testing/platform-checks';
import { describeCatalogApi, dynamodbAccessOf, V2_ROUTES } from './catalog-api';

const SERVICE_DIR = path.resolve(__dirname, '..');
const STACK = 'catalog-v2';

/** The catalog table's ARN, imported from the `catalog` stack (serverless.yml: Outputs.TableArn). */
const tableArnOf = (stage: string) => ({ 'Fn::ImportValue': `catalog-${stage}-table-arn` });
const indexArnOf = (stage: string) => (index: string) => ({ 'Fn::Join': ['/', [tableArnOf(stage), 'index', index]] });

const suite = packageStagesForSuite({ serviceDir: SERVICE_DIR, configFile: 'serverless.v2.yml' });
const { templateOf } = suite;

describe.each(STAGES)('catalog v2 packaged for %s', (stage) => {
  const dynamodbAccess = dynamodbAccessOf(tableArnOf(stage), indexArnOf(stage), 'v2');
  describePlatformConventions({
    ...suite,
    serviceDir: SERVICE_DIR,
    service: STACK,
    apiVersion: 'v2',
    belongsTo: 'catalog',
    stage,
    dynamodbAccess,
    routes: V2_ROUTES,
  });

  it('every function is not deprecated (no Deprecation, Sunset or successor in its environment) and knows its base path', () => {
    for (const functionKey of Object.keys(dynamodbAccess)) {
      const variables = (templateOf(stage).Resources[functionLogicalId(functionKey)]!.Properties!.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect({ functionKey, ...variables }).toMatchObject({
        functionKey,
        API_BASE_PATH: '/v2/catalog',
        API_DEPRECATION: '',
        API_SUNSET: '',
        API_SUCCESSOR_BASE_PATH: '',
      });
    }
  });

  it('holds reserved stock for 15 minutes unless committed (reserveStock alone knows the hold)', () => {
    const holdOf = (functionKey: string) =>
      (templateOf(stage).Resources[functionLogicalId(functionKey)]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables[
        'RESERVATION_HOLD_SECONDS'
      ];
    expect(holdOf('reserveStock')).toBe('900');
    expect(Object.keys(dynamodbAccess).filter((functionKey) => holdOf(functionKey) !== undefined)).toEqual(['reserveStock']);
  });

  describeCatalogApi({ templateOf, stage, routes: V2_ROUTES, functions: Object.keys(dynamodbAccess) });
});
