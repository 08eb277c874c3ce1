/**
 * Infrastructure test: packages catalog (`serverless package`, offline, no AWS account) for the
 * stages dev, test and prod and asserts on the CloudFormation it would deploy and on the function
 * zips. The platform-wide conventions (runtime, tracing, log retention, one role per function, the
 * shared authorizer, gateway responses, request validation as openapi/gateway.json says, the
 * OpenAPI document, artifacts, per-stage data protection, the base table shape, exactly the listed
 * routes) come from describePlatformConventions (@emporium/testing/platform-checks). The
 * expectations below and in ./catalog-api.ts (IAM surface, routes and caching, validated bodies,
 * table attributes and indexes) are the review document of the service's infrastructure: change
 * them together with serverless.yml (and the contract, for the bodies).
 */
import path from 'node:path';
import { functionLogicalId } from '@emporium/testing/cloudformation/lambda';
import { STAGES } from '@emporium/testing/cloudformation/stages';
import { resource, sortByJson } from '@emporium/testing/cloudformation/template';
import { describePlatformConventions, indexArn, packageStagesForSuite, TABLE_ARN } from '@emporium/testing/platform-checks';
import { describeCatalogApi, dynamodbAccessOf, V1_ROUTES } from './catalog-api';

const SERVICE_DIR = path.resolve(__dirname, '..');
const SERVICE = 'catalog';
/** The stack's DynamoDB surface (./catalog-api): on the table it owns. */
const DYNAMODB_ACCESS = dynamodbAccessOf(TABLE_ARN, indexArn, 'v1');
const FUNCTIONS = Object.keys(DYNAMODB_ACCESS);

const suite = packageStagesForSuite({ serviceDir: SERVICE_DIR });
const { templateOf } = suite;

describe.each(STAGES)('catalog packaged for %s', (stage) => {
  describePlatformConventions({ ...suite, serviceDir: SERVICE_DIR, service: SERVICE, stage, dynamodbAccess: DYNAMODB_ACCESS, routes: V1_ROUTES });

  it('exports the table ARN for the stacks of later API versions (catalog-v2 imports it)', () => {
    expect(templateOf(stage).Outputs?.['TableArn']).toEqual({
      Description: "The catalog table, shared by every API version's stack",
      Value: { 'Fn::GetAtt': ['Table', 'Arn'] },
      Export: { Name: `catalog-${stage}-table-arn` },
    });
  });

  it('v1 is deprecated: every function has the dates of versions.yml and v2 as successor', () => {
    for (const functionKey of FUNCTIONS) {
      const variables = (templateOf(stage).Resources[functionLogicalId(functionKey)]!.Properties!.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect({ functionKey, ...variables }).toMatchObject({
        functionKey,
        API_BASE_PATH: '/v1/catalog',
        API_DEPRECATION: '2026-12-07T00:00:00Z',
        API_SUNSET: '2027-06-30T00:00:00Z',
        API_SUCCESSOR_BASE_PATH: '/v2/catalog',
      });
    }
  });

  it('sweeps expired holds every minute: one EventBridge rule invoking releaseExpiredReservations, and nothing else on a schedule', () => {
    const rules = Object.values(templateOf(stage).Resources).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    expect(rules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [functionLogicalId('releaseExpiredReservations'), 'Arn'] } })],
    });
  });

  describe('DynamoDB table', () => {
    it('has the catalog attributes and indexes: gsi1 and gsi2, all projected', () => {
      const props = resource(templateOf(stage), 'Table').Properties!;
      expect(sortByJson(props.AttributeDefinitions as unknown[])).toEqual(
        sortByJson(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
      );
      expect(props.GlobalSecondaryIndexes).toEqual([
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ]);
    });
  });

  describeCatalogApi({ templateOf, stage, routes: V1_ROUTES, functions: FUNCTIONS });
});
