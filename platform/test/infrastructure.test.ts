/**
 * Infrastructure test of the platform stack: packages platform/serverless.yml offline for every
 * stage and asserts the usage plans (their tiers, and that they span the API stage of every
 * service of the workspace) and the first-party API keys. The tables below are the reviewed
 * statement of the tiers: change them together with the params of serverless.base.yml.
 */
import path from 'node:path';
import { packageStages } from '@emporium/testing/cloudformation/package';
import type { PackagedService } from '@emporium/testing/cloudformation/package';
import type { Stage } from '@emporium/testing/cloudformation/stages';
import { STAGES } from '@emporium/testing/cloudformation/stages';
import type { CfnTemplate } from '@emporium/testing/cloudformation/template';
import { resource, resourcesOfType } from '@emporium/testing/cloudformation/template';

const STACK_DIR = path.resolve(__dirname, '..');
/** Every stack with an API: one per service, and one per later API version (catalog v2, docs/adr/0015). */
const API_STACKS = ['catalog', 'catalog-v2', 'developers', 'orders', 'users'];
jest.setTimeout(120_000);

interface Tier {
  throttle: { RateLimit: number; BurstLimit: number };
  quota?: { Limit: number; Period: 'DAY' | 'WEEK' | 'MONTH' };
}
const DEFAULT_TIERS: Record<'free' | 'partner' | 'internal', Tier> = {
  free: { throttle: { RateLimit: 5, BurstLimit: 10 }, quota: { Limit: 1000, Period: 'DAY' } },
  partner: { throttle: { RateLimit: 50, BurstLimit: 100 }, quota: { Limit: 1_000_000, Period: 'MONTH' } },
  internal: { throttle: { RateLimit: 200, BurstLimit: 400 } },
};
const TIERS: Record<Stage, Record<'free' | 'partner' | 'internal', Tier>> = {
  dev: DEFAULT_TIERS,
  test: DEFAULT_TIERS,
  prod: {
    free: DEFAULT_TIERS.free,
    partner: { throttle: { RateLimit: 200, BurstLimit: 400 }, quota: { Limit: 10_000_000, Period: 'MONTH' } },
    internal: { throttle: { RateLimit: 500, BurstLimit: 1000 } },
  },
};
const PLAN_IDS = { free: 'FreeUsagePlan', partner: 'PartnerUsagePlan', internal: 'InternalUsagePlan' } as const;
/** First-party keys: logical id -> key name suffix and the SSM String holding the value. */
const FIRST_PARTY_KEYS = { WebAppApiKey: 'web', OrdersApiKey: 'orders' } as const;

let packaged: Record<Stage, PackagedService> | undefined;
beforeAll(async () => {
  packaged = await packageStages({ serviceDir: STACK_DIR, stages: STAGES, timeoutMs: 60_000 });
}, 180_000);
afterAll(() => Promise.all(Object.values(packaged ?? {}).map((run) => run.cleanup())));
const templateOf = (stage: Stage): CfnTemplate => packaged![stage].template;

describe.each(STAGES)('the platform stack packaged for %s', (stage) => {
  it.each(Object.entries(PLAN_IDS))('has the %s usage plan with its throttle and quota', (tier, logicalId) => {
    const expected = TIERS[stage][tier as keyof typeof PLAN_IDS];
    const props = resource(templateOf(stage), logicalId).Properties!;
    expect(props.UsagePlanName).toBe(`emporium-${stage}-${tier}`);
    expect(props.Throttle).toEqual(expected.throttle);
    expect(props.Quota).toEqual(expected.quota);
  });

  it.each(Object.values(PLAN_IDS))(
    '%s spans the API stage of every stack of the workspace (every API version), by the REST API id each registers',
    (logicalId) => {
      expect(resource(templateOf(stage), logicalId).Properties!.ApiStages).toEqual(
        API_STACKS.map((service) => ({ ApiId: `{{resolve:ssm:/emporium/${stage}/rest-apis/${service}}}`, Stage: stage })),
      );
    },
  );

  it.each(Object.entries(FIRST_PARTY_KEYS))('has the first-party key %s, its value from SSM, in the internal plan only', (logicalId, client) => {
    expect(resource(templateOf(stage), logicalId).Properties).toEqual({
      Name: `emporium-${stage}-${client}`,
      Description: expect.any(String),
      Enabled: true,
      Value: `{{resolve:ssm:/emporium/${stage}/api-keys/${client}}}`,
    });
    const memberships = resourcesOfType(templateOf(stage), 'AWS::ApiGateway::UsagePlanKey').filter(
      (found) => JSON.stringify(found.resource.Properties?.KeyId) === JSON.stringify({ Ref: logicalId }),
    );
    expect(memberships.map((found) => found.resource.Properties)).toEqual([
      { KeyId: { Ref: logicalId }, KeyType: 'API_KEY', UsagePlanId: { Ref: PLAN_IDS.internal } },
    ]);
  });

  it.each(['free', 'partner'] as const)('publishes the %s plan id in SSM (the developers service may attach keys to it)', (tier) => {
    const parameters = resourcesOfType(templateOf(stage), 'AWS::SSM::Parameter').map((found) => found.resource.Properties);
    expect(parameters).toContainEqual({ Name: `/emporium/${stage}/usage-plans/${tier}`, Type: 'String', Value: { Ref: PLAN_IDS[tier] } });
  });

  it(`has the alarm topic emporium-${stage}-alarms, which every stack's alarms name (custom.monitoring)`, () => {
    expect(resource(templateOf(stage), 'AlarmTopic')).toEqual({
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: `emporium-${stage}-alarms`, DisplayName: `Emporium ${stage} alarms` },
    });
  });

  it('holds only usage plans, their published ids, first-party keys and their memberships, and the alarm topic (besides the deployment bucket)', () => {
    const types = Object.values(templateOf(stage).Resources)
      .map((found) => found.Type)
      .filter((type) => !type.startsWith('AWS::S3::'));
    expect([...new Set(types)].sort()).toEqual([
      'AWS::ApiGateway::ApiKey',
      'AWS::ApiGateway::UsagePlan',
      'AWS::ApiGateway::UsagePlanKey',
      'AWS::SNS::Topic',
      'AWS::SSM::Parameter',
    ]);
    expect(resourcesOfType(templateOf(stage), 'AWS::SSM::Parameter')).toHaveLength(2);
  });
});
