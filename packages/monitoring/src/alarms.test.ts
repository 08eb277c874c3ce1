import type { MonitoringConfig } from './alarms';
import { monitoringConfigOf, monitoringResources } from './alarms';

const raw = {
  notify: 'false',
  topicName: 'emporium-dev-alarms',
  api: { serverErrorRatePercent: '5', clientErrorRatePercent: 50, p99LatencyMs: '3000' },
  functions: { errors: 5, throttles: 1 },
  tables: { throttledRequests: 1, systemErrors: 1 },
};
const config = monitoringConfigOf(raw)!;

const stack = {
  service: 'catalog',
  stage: 'dev',
  resources: {
    ApiGatewayRestApi: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'catalog-dev' } },
    AuthorizeLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'catalog-dev-authorize' } },
    GetProductLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'catalog-dev-getProduct' } },
    CustomDashresourceDashexistingDashs3LambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'catalog-dev-custom-resource' } },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'catalog-dev' } },
  },
};

describe('monitoringConfigOf', () => {
  it('reads params given as strings (the Framework resolves ${param:} to strings) with the defaults', () => {
    expect(config).toEqual<MonitoringConfig>({
      notify: false,
      topicName: 'emporium-dev-alarms',
      periodSeconds: 300,
      minRequests: 20,
      api: { serverErrorRatePercent: 5, clientErrorRatePercent: 50, p99LatencyMs: 3000 },
      functions: { errors: 5, throttles: 1 },
      tables: { throttledRequests: 1, systemErrors: 1 },
    });
  });

  it('refuses a threshold that is not a number, naming it', () => {
    expect(() => monitoringConfigOf({ ...raw, api: { ...raw.api, p99LatencyMs: 'fast' } })).toThrow(
      'custom.monitoring.api.p99LatencyMs must be a number >= 0, not "fast"',
    );
  });
});

describe('monitoringResources', () => {
  const resources = monitoringResources(stack, config);

  it('gives the API, every function of the stack (not the Framework helpers) and its table their alarms, and one dashboard', () => {
    expect(Object.keys(resources).sort()).toEqual(
      [
        'AlarmApiClientErrorRate',
        'AlarmApiLatencyP99',
        'AlarmApiServerErrorRate',
        'AlarmAuthorizeErrors',
        'AlarmAuthorizeThrottles',
        'AlarmGetProductErrors',
        'AlarmGetProductThrottles',
        'AlarmTableSystemErrors',
        'AlarmTableThrottles',
        'MonitoringDashboard',
      ].sort(),
    );
  });

  it('alarms on the 5xx rate only with enough traffic: metric math over the stage Count', () => {
    expect(resources['AlarmApiServerErrorRate']!.Properties).toMatchObject({
      AlarmName: 'catalog-dev-api-5xx-rate',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 5,
      ActionsEnabled: false,
      Metrics: [
        {
          Id: 'errors',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApiGateway',
              MetricName: '5XXError',
              Dimensions: [
                { Name: 'ApiName', Value: 'catalog-dev' },
                { Name: 'Stage', Value: 'dev' },
              ],
            },
            Stat: 'Sum',
            Period: 300,
          },
        },
        { Id: 'requests', MetricStat: { Metric: { MetricName: 'Count' } } },
        { Id: 'rate', ReturnData: true, Expression: 'IF(requests >= 20, 100 * errors / requests, 0)' },
      ],
    });
  });

  it('records only without notify; with it, alarms and recoveries go to the stage topic', () => {
    expect(resources['AlarmGetProductErrors']!.Properties).not.toHaveProperty('AlarmActions');
    const notifying = monitoringResources(stack, { ...config, notify: true });
    const topic = { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:emporium-dev-alarms' };
    expect(notifying['AlarmGetProductErrors']!.Properties).toMatchObject({ ActionsEnabled: true, AlarmActions: [topic], OKActions: [topic] });
  });

  it("names the authorizer's failures for what they do to callers", () => {
    expect(resources['AlarmAuthorizeErrors']!.Properties).toMatchObject({
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'AuthorizeLambdaFunction' } }],
      Threshold: 5,
      AlarmDescription: expect.stringContaining('the authorizer failed') as unknown,
    });
  });

  it("sums the table's system errors over every operation the services call", () => {
    const metrics = resources['AlarmTableSystemErrors']!.Properties!['Metrics'] as { Id: string; Expression?: string }[];
    expect(metrics.at(-1)).toEqual(expect.objectContaining({ Expression: 'SUM([op0, op1, op2, op3, op4, op5, op6, op7])', ReturnData: true }));
  });

  it("draws one dashboard per stack, in the stack's region, with a widget for each function", () => {
    const properties = resources['MonitoringDashboard']!.Properties as { DashboardName: string; DashboardBody: { 'Fn::Sub': string } };
    expect(properties.DashboardName).toBe('catalog-dev');
    const body = JSON.parse(properties.DashboardBody['Fn::Sub']) as { widgets: { properties: { title: string; region: string; metrics: unknown[] } }[] };
    expect(body.widgets.map((w) => w.properties.title)).toEqual([
      'API requests, 4xx, 5xx',
      'API latency (ms)',
      'Stage cache hits and misses',
      'Function errors',
      'Function duration p99 (ms)',
      'Function throttles',
      'catalog-dev: consumed capacity',
      'catalog-dev: throttles',
    ]);
    expect(body.widgets.every((w) => w.properties.region === '${AWS::Region}')).toBe(true);
    expect(body.widgets[3]!.properties.metrics).toEqual([
      ['AWS/Lambda', 'Errors', 'FunctionName', 'catalog-dev-authorize'],
      ['AWS/Lambda', 'Errors', 'FunctionName', 'catalog-dev-getProduct'],
    ]);
  });

  it('a stack with nothing to watch gets nothing (no empty dashboard)', () => {
    expect(monitoringResources({ service: 'x', stage: 'dev', resources: {} }, config)).toEqual({});
  });
});
