/**
 * CloudWatch alarms and one dashboard for a stack, from its compiled template and
 * `custom.monitoring` (serverless.base.yml): the same block gives every service and stage the same
 * watch, with the stage's thresholds (docs/adr/0018).
 *
 *   API (one REST API a stack)   5xx rate, 4xx rate (a surge of refusals), p99 latency
 *   every function               errors (the authorizer's: callers are refused or get 5xx), throttles
 *   every table of the stack     throttled reads and writes, system errors
 *
 * Rates are metric math over the API's Count, and only when it served at least `minRequests` in
 * the period, so one failed call at night is not a page. With `notify`, alarms and recoveries go
 * to the stage's SNS topic (the platform stack's `emporium-<stage>-alarms`); otherwise they only
 * record their state (dev, test).
 */

export interface MonitoringConfig {
  notify: boolean;
  /** The SNS topic's name, in the stack's account and region. */
  topicName: string;
  periodSeconds: number;
  minRequests: number;
  api: { serverErrorRatePercent: number; clientErrorRatePercent: number; p99LatencyMs: number };
  functions: { errors: number; throttles: number };
  tables: { throttledRequests: number; systemErrors: number };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

export interface StackFacts {
  /** The stack's `service:` and stage: alarm and dashboard names. */
  service: string;
  stage: string;
  resources: Resources;
}

/** The DynamoDB operations our code calls: SystemErrors is published per operation. */
const TABLE_OPERATIONS = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'TransactWriteItems', 'TransactGetItems', 'BatchWriteItem'];

const numberOf = (value: unknown, where: string): number => {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0)
    throw new Error(`custom.monitoring.${where} must be a number >= 0, not ${JSON.stringify(value)}`);
  return number;
};

/** `custom.monitoring` as resolved by the Framework (params arrive as numbers or strings). */
export const monitoringConfigOf = (raw: Record<string, unknown> | undefined): MonitoringConfig | undefined => {
  if (!raw) return undefined;
  const api = (raw['api'] ?? {}) as Record<string, unknown>;
  const functions = (raw['functions'] ?? {}) as Record<string, unknown>;
  const tables = (raw['tables'] ?? {}) as Record<string, unknown>;
  const topicName = raw['topicName'];
  if (typeof topicName !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(topicName))
    throw new Error(`custom.monitoring.topicName must be an SNS topic name, not ${JSON.stringify(topicName)}`);
  return {
    notify: raw['notify'] === true || raw['notify'] === 'true',
    topicName,
    periodSeconds: numberOf(raw['periodSeconds'] ?? 300, 'periodSeconds'),
    minRequests: numberOf(raw['minRequests'] ?? 20, 'minRequests'),
    api: {
      serverErrorRatePercent: numberOf(api['serverErrorRatePercent'], 'api.serverErrorRatePercent'),
      clientErrorRatePercent: numberOf(api['clientErrorRatePercent'], 'api.clientErrorRatePercent'),
      p99LatencyMs: numberOf(api['p99LatencyMs'], 'api.p99LatencyMs'),
    },
    functions: { errors: numberOf(functions['errors'], 'functions.errors'), throttles: numberOf(functions['throttles'], 'functions.throttles') },
    tables: {
      throttledRequests: numberOf(tables['throttledRequests'], 'tables.throttledRequests'),
      systemErrors: numberOf(tables['systemErrors'], 'tables.systemErrors'),
    },
  };
};

const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

/** The stack's own functions (not the Framework's custom-resource helpers), by logical id. */
const functionsOf = (resources: Resources) =>
  ofType(resources, 'AWS::Lambda::Function')
    .filter(([logicalId]) => !logicalId.startsWith('CustomDashresource'))
    .map(([logicalId, resource]) => ({ logicalId, name: String(resource.Properties?.['FunctionName']), key: logicalId.replace(/LambdaFunction$/, '') }));

const tablesOf = (resources: Resources) =>
  ofType(resources, 'AWS::DynamoDB::Table').map(([logicalId, resource]) => ({ logicalId, name: String(resource.Properties?.['TableName']) }));

const apiNameOf = (resources: Resources): string | undefined => {
  const api = resources['ApiGatewayRestApi'];
  return api ? String(api.Properties?.['Name']) : undefined;
};

const metric = (id: string, namespace: string, name: string, dimensions: Record<string, string>, stat: string, period: number, returnData = false) => ({
  Id: id,
  ReturnData: returnData,
  MetricStat: {
    Metric: { Namespace: namespace, MetricName: name, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) },
    Period: period,
    Stat: stat,
  },
});

/** Every alarm and the dashboard of the stack, as CloudFormation resources by logical id. */
export const monitoringResources = (facts: StackFacts, config: MonitoringConfig): Resources => {
  const { service, stage, resources } = facts;
  const period = config.periodSeconds;
  const topic = { 'Fn::Sub': `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:${config.topicName}` };
  const actions = config.notify ? { ActionsEnabled: true, AlarmActions: [topic], OKActions: [topic] } : { ActionsEnabled: false };
  const alarm = (name: string, description: string, properties: Record<string, unknown>) => ({
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: `${service}-${stage}-${name}`,
      AlarmDescription: description,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
      ...actions,
      ...properties,
    },
  });
  const out: Resources = {};

  const apiName = apiNameOf(resources);
  if (apiName) {
    const api = { ApiName: apiName, Stage: stage };
    const rate = (id: string, metricName: string, percent: number, what: string) =>
      alarm(id, `${what} above ${percent}% of ${apiName}'s requests in ${period / 60} min (at least ${config.minRequests} requests)`, {
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: percent,
        Metrics: [
          metric('errors', 'AWS/ApiGateway', metricName, api, 'Sum', period),
          metric('requests', 'AWS/ApiGateway', 'Count', api, 'Sum', period),
          { Id: 'rate', Label: `${metricName} %`, ReturnData: true, Expression: `IF(requests >= ${config.minRequests}, 100 * errors / requests, 0)` },
        ],
      });
    out['AlarmApiServerErrorRate'] = rate('api-5xx-rate', '5XXError', config.api.serverErrorRatePercent, '5xx answers');
    out['AlarmApiClientErrorRate'] = rate('api-4xx-rate', '4XXError', config.api.clientErrorRatePercent, '4xx answers (refused, throttled, invalid)');
    out['AlarmApiLatencyP99'] = alarm('api-latency-p99', `p99 latency of ${apiName} above ${config.api.p99LatencyMs} ms in ${period / 60} min`, {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: [
        { Name: 'ApiName', Value: apiName },
        { Name: 'Stage', Value: stage },
      ],
      ExtendedStatistic: 'p99',
      Period: period,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: config.api.p99LatencyMs,
    });
  }

  for (const fn of functionsOf(resources)) {
    const lambda = (metricName: string, threshold: number, description: string) => ({
      Namespace: 'AWS/Lambda',
      MetricName: metricName,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn.logicalId } }],
      Statistic: 'Sum',
      Period: period,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: threshold,
      AlarmDescription: description,
    });
    const failing = fn.key === 'Authorize' ? `the authorizer failed: callers of protected routes were refused or got 5xx` : `${fn.name} failed`;
    out[`Alarm${fn.key}Errors`] = alarm(
      `${fn.key}-errors`,
      failing,
      lambda('Errors', config.functions.errors, `${failing} ${config.functions.errors} times or more in ${period / 60} min`),
    );
    out[`Alarm${fn.key}Throttles`] = alarm(
      `${fn.key}-throttles`,
      `${fn.name} throttled`,
      lambda('Throttles', config.functions.throttles, `${fn.name} throttled ${config.functions.throttles} times or more in ${period / 60} min`),
    );
  }

  for (const table of tablesOf(resources)) {
    const dimensions = { TableName: table.name };
    out[`Alarm${table.logicalId}Throttles`] = alarm(
      `${table.logicalId}-throttles`,
      `${table.name}: ${config.tables.throttledRequests} or more throttled reads and writes in ${period / 60} min`,
      {
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: config.tables.throttledRequests,
        Metrics: [
          metric('reads', 'AWS/DynamoDB', 'ReadThrottleEvents', dimensions, 'Sum', period),
          metric('writes', 'AWS/DynamoDB', 'WriteThrottleEvents', dimensions, 'Sum', period),
          { Id: 'throttled', Label: 'Throttled requests', ReturnData: true, Expression: 'reads + writes' },
        ],
      },
    );
    const operations = TABLE_OPERATIONS.map((operation, index) =>
      metric(`op${index}`, 'AWS/DynamoDB', 'SystemErrors', { ...dimensions, Operation: operation }, 'Sum', period),
    );
    out[`Alarm${table.logicalId}SystemErrors`] = alarm(
      `${table.logicalId}-system-errors`,
      `${table.name}: ${config.tables.systemErrors} or more DynamoDB system errors in ${period / 60} min`,
      {
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: config.tables.systemErrors,
        Metrics: [...operations, { Id: 'errors', Label: 'System errors', ReturnData: true, Expression: `SUM([${operations.map((m) => m.Id).join(', ')}])` }],
      },
    );
  }

  const board = dashboard(facts, apiName);
  if (board) out['MonitoringDashboard'] = { Type: 'AWS::CloudWatch::Dashboard', Properties: board };
  return out;
};

/** One dashboard a stack: the API's traffic, errors, latency and cache; every function; every table. */
const dashboard = (facts: StackFacts, apiName: string | undefined): Record<string, unknown> | undefined => {
  const { service, stage, resources } = facts;
  const widgets: Record<string, unknown>[] = [];
  const widget = (title: string, metrics: unknown[], stat = 'Sum') => {
    widgets.push({
      type: 'metric',
      width: 12,
      height: 6,
      x: (widgets.length % 2) * 12,
      y: Math.floor(widgets.length / 2) * 6,
      properties: { title, region: '${AWS::Region}', stat, period: 60, view: 'timeSeries', metrics },
    });
  };
  if (apiName) {
    const api = ['ApiName', apiName, 'Stage', stage];
    widget('API requests, 4xx, 5xx', [
      ['AWS/ApiGateway', 'Count', ...api],
      ['.', '4XXError', '.', '.', '.', '.'],
      ['.', '5XXError', '.', '.', '.', '.'],
    ]);
    widget(
      'API latency (ms)',
      [
        ['AWS/ApiGateway', 'Latency', ...api, { stat: 'p50' }],
        ['...', { stat: 'p99' }],
        ['AWS/ApiGateway', 'IntegrationLatency', ...api, { stat: 'p99' }],
      ],
      'p99',
    );
    widget('Stage cache hits and misses', [
      ['AWS/ApiGateway', 'CacheHitCount', ...api],
      ['.', 'CacheMissCount', '.', '.', '.', '.'],
    ]);
  }
  const functions = functionsOf(resources);
  if (functions.length > 0) {
    widget(
      'Function errors',
      functions.map((fn) => ['AWS/Lambda', 'Errors', 'FunctionName', fn.name]),
    );
    widget(
      'Function duration p99 (ms)',
      functions.map((fn) => ['AWS/Lambda', 'Duration', 'FunctionName', fn.name]),
      'p99',
    );
    widget(
      'Function throttles',
      functions.map((fn) => ['AWS/Lambda', 'Throttles', 'FunctionName', fn.name]),
    );
  }
  for (const table of tablesOf(resources)) {
    widget(`${table.name}: consumed capacity`, [
      ['AWS/DynamoDB', 'ConsumedReadCapacityUnits', 'TableName', table.name],
      ['.', 'ConsumedWriteCapacityUnits', '.', '.'],
    ]);
    widget(`${table.name}: throttles`, [
      ['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', table.name],
      ['.', 'WriteThrottleEvents', '.', '.'],
    ]);
  }
  if (widgets.length === 0) return undefined;
  return { DashboardName: `${service}-${stage}`, DashboardBody: { 'Fn::Sub': JSON.stringify({ widgets }) } };
};
