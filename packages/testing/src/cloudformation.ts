/**
 * Helpers for infrastructure tests: package a Serverless Framework service offline and assert on
 * the CloudFormation it produces. Nothing here knows a particular service; every service of the
 * monorepo (one serverless.yml per service, shared keys from the workspace root) can use them.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// Template types
// ---------------------------------------------------------------------------------------------

/** A property value of a template: literal, list, object or intrinsic function ({ Ref }, { 'Fn::GetAtt' }). */
export type CfnValue = unknown;

export interface CfnResource {
  Type: string;
  Properties?: Record<string, CfnValue>;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Condition?: string;
  [key: string]: CfnValue;
}

export interface CfnTemplate {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, CfnValue>;
  [key: string]: CfnValue;
}

export interface FoundResource {
  logicalId: string;
  resource: CfnResource;
}

// ---------------------------------------------------------------------------------------------
// Stages
// ---------------------------------------------------------------------------------------------

/** The stages a service is deployed to (and its infrastructure test packages). */
export const STAGES = ['dev', 'test', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageSettings {
  logRetentionInDays: number;
  pointInTimeRecovery: boolean;
  deletionProtection: boolean;
  deletionPolicy: 'Delete' | 'Retain';
  /** The stage cache TTL of cached GETs, and the Cache-Control max-age of public GETs (HTTP_CACHE_MAX_AGE). */
  cacheTtlInSeconds: number;
}

/**
 * Per-stage settings every service's template must show. They mirror the `params` of the workspace
 * root's serverless.base.yml (logRetentionInDays, pointInTimeRecovery, deletionProtection,
 * tableDeletionPolicy, cacheTtlInSeconds): change them together with those params.
 */
export const STAGE_SETTINGS: Record<Stage, StageSettings> = {
  dev: { logRetentionInDays: 7, pointInTimeRecovery: false, deletionProtection: false, deletionPolicy: 'Delete', cacheTtlInSeconds: 30 },
  test: { logRetentionInDays: 14, pointInTimeRecovery: false, deletionProtection: false, deletionPolicy: 'Delete', cacheTtlInSeconds: 60 },
  prod: { logRetentionInDays: 90, pointInTimeRecovery: true, deletionProtection: true, deletionPolicy: 'Retain', cacheTtlInSeconds: 300 },
};

// ---------------------------------------------------------------------------------------------
// Packaging
// ---------------------------------------------------------------------------------------------

export interface PackageServiceOptions {
  /** Absolute path of the service (the folder holding serverless.yml). */
  serviceDir: string;
  stage: string;
  /**
   * Root of the workspace the service lives in (files such as ../../serverless.base.yml are
   * reached through it). Default: the nearest ancestor of serviceDir holding pnpm-workspace.yaml.
   */
  workspaceRoot?: string;
  /** Extra environment for the child process (applied last). */
  env?: Record<string, string>;
  /** Extra CLI arguments, e.g. ['--param', 'key=value']. */
  args?: string[];
  /** Kill the child after this long. Default 180 s. */
  timeoutMs?: number;
}

export interface PackagedService {
  stage: string;
  /** The folder `serverless package --package` wrote to (template, state, one zip per function). */
  packageDir: string;
  /** Parsed cloudformation-template-update-stack.json. */
  template: CfnTemplate;
  /** Combined stdout/stderr of `serverless package`. */
  output: string;
  /** Removes every temporary folder of this run. */
  cleanup(): Promise<void>;
}

/** Folders a packaging run writes into the service folder; the mirror keeps them private. */
const BUILD_OUTPUT_FOLDERS = new Set(['.serverless', '.esbuild', '.build']);

/** The workspace a service belongs to: the nearest ancestor of serviceDir holding pnpm-workspace.yaml. */
export const findWorkspaceRoot = (serviceDir: string): string => {
  for (let dir = path.dirname(serviceDir); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${serviceDir}; pass workspaceRoot`);
  }
};

/**
 * Builds a private copy of the workspace layout in `mirrorRoot`: real folders along the path from
 * the workspace root to the service, holding copies of their files (serverless.yml, the shared
 * serverless.base.yml, package.json...) and symlinks to their other folders (src, node_modules...).
 * Packaging runs there, so its build folders (serverless-esbuild's .esbuild, .serverless) never
 * touch the real service folder: no clash with a `serverless offline` or another packaging run
 * there (each run deletes .esbuild when it ends), nor between stages packaged in parallel.
 */
const mirrorWorkspace = async (workspaceRoot: string, serviceDir: string, mirrorRoot: string): Promise<string> => {
  const relative = path.relative(workspaceRoot, serviceDir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(`${serviceDir} is not inside the workspace ${workspaceRoot}`);
  }
  const segments = relative === '' ? [] : relative.split(path.sep);
  let real = workspaceRoot;
  let mirror = mirrorRoot;
  for (let depth = 0; depth <= segments.length; depth += 1) {
    const next = segments[depth];
    await mkdir(mirror, { recursive: true });
    for (const entry of await readdir(real, { withFileTypes: true })) {
      if (entry.name === next) continue;
      if (depth === segments.length && BUILD_OUTPUT_FOLDERS.has(entry.name)) continue;
      // Files are copied (the framework finds serverless.yml with lstat, which a symlink fails).
      if (entry.isFile()) await copyFile(path.join(real, entry.name), path.join(mirror, entry.name));
      else await symlink(path.join(real, entry.name), path.join(mirror, entry.name));
    }
    if (next === undefined) break;
    real = path.join(real, next);
    mirror = path.join(mirror, next);
  }
  return mirror;
};

const serverlessBin = (serviceDir: string): string => {
  const requireFromService = createRequire(path.join(serviceDir, 'package.json'));
  const manifestPath = requireFromService.resolve('serverless/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.serverless;
  if (!bin) throw new Error(`${manifestPath} declares no serverless bin`);
  return path.join(path.dirname(manifestPath), bin);
};

/**
 * Environment proving that packaging needs no AWS account: dummy static credentials, no profile or
 * shared config files, no instance metadata lookups.
 */
export const offlineAwsEnv = (base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_SDK_LOAD_CONFIG']) {
    delete env[name];
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIAOFFLINEPACKAGING',
    AWS_SECRET_ACCESS_KEY: 'offline-packaging-needs-no-aws-account',
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmpdir(), 'no-such-aws-credentials-file'),
    AWS_CONFIG_FILE: path.join(tmpdir(), 'no-such-aws-config-file'),
    AWS_EC2_METADATA_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  };
};

/**
 * Runs `serverless package --stage <stage> --package <tmp>` for a service, offline, in a private
 * mirror of the workspace (see mirrorWorkspace), and returns the parsed update-stack template.
 * Call cleanup() when done (e.g. in afterAll).
 */
export const packageService = async (options: PackageServiceOptions): Promise<PackagedService> => {
  const serviceDir = path.resolve(options.serviceDir);
  const workspaceRoot = path.resolve(options.workspaceRoot ?? findWorkspaceRoot(serviceDir));
  const tempRoot = await mkdtemp(path.join(tmpdir(), `sls-package-${path.basename(serviceDir)}-${options.stage}-`));
  const cleanup = () => rm(tempRoot, { recursive: true, force: true });
  try {
    const mirroredService = await mirrorWorkspace(workspaceRoot, serviceDir, path.join(tempRoot, 'workspace'));
    const packageDir = path.join(tempRoot, 'package');
    const args = [serverlessBin(serviceDir), 'package', '--stage', options.stage, '--package', packageDir, ...(options.args ?? [])];
    const output = await run(process.execPath, args, {
      cwd: mirroredService,
      env: { ...offlineAwsEnv(), ...options.env },
      timeoutMs: options.timeoutMs ?? 180_000,
    });
    const template = JSON.parse(await readFile(path.join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8')) as CfnTemplate;
    return { stage: options.stage, packageDir, template, output, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
};

/**
 * Packages several stages of one service, `concurrency` runs at a time (default 1: esbuild already
 * uses every core, so on a 2-core machine parallel runs measured no faster; each run has its own
 * mirror, so parallel runs are safe). Resolves with the runs keyed by stage; if any run fails,
 * cleans up the others and rejects with the first failure.
 */
export const packageStages = async <Stage extends string>(
  options: Omit<PackageServiceOptions, 'stage'> & { stages: readonly Stage[]; concurrency?: number },
): Promise<Record<Stage, PackagedService>> => {
  const { stages, concurrency = 1, ...rest } = options;
  const settled = new Array<PromiseSettledResult<PackagedService>>(stages.length);
  let next = 0;
  const worker = async () => {
    while (next < stages.length) {
      const index = next++;
      settled[index] = await packageService({ ...rest, stage: stages[index]! }).then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, stages.length)) }, worker));
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value.cleanup()] : [])));
    throw failure.reason instanceof Error ? failure.reason : new Error(String(failure.reason));
  }
  return Object.fromEntries(
    settled.map((result, index) => [stages[index], (result as PromiseFulfilledResult<PackagedService>).value]),
  ) as Record<Stage, PackagedService>;
};

const run = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serverless ${args.slice(1).join(' ')} timed out after ${options.timeoutMs} ms:\n${output}`));
    }, options.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`serverless ${args.slice(1).join(' ')} failed (${signal ?? `exit ${String(code)}`}):\n${output}`));
    });
  });

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** The resource with this logical ID; throws (listing the IDs that exist) when there is none. */
export const resource = (template: CfnTemplate, logicalId: string): CfnResource => {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`no resource ${logicalId}; resources: ${Object.keys(template.Resources).join(', ')}`);
  return found;
};

/** Every resource of a CloudFormation type, in template order. */
export const resourcesOfType = (template: CfnTemplate, type: string): FoundResource[] =>
  Object.entries(template.Resources)
    .filter(([, res]) => res.Type === type)
    .map(([logicalId, res]) => ({ logicalId, resource: res }));

/** The only resource of a type; throws when there are none or several. */
export const singleResourceOfType = (template: CfnTemplate, type: string): FoundResource => {
  const found = resourcesOfType(template, type);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${type}, found ${found.length}: ${found.map((f) => f.logicalId).join(', ')}`);
  }
  return found[0]!;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The logical ID a { Ref } or { 'Fn::GetAtt': [id, attr] } points at, or undefined. */
export const referencedLogicalId = (value: CfnValue): string | undefined => {
  if (!isRecord(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
};

/** The values sorted by their JSON text, to compare lists whose order does not matter. */
export const sortByJson = (values: readonly unknown[]): unknown[] =>
  [...values].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** `{ 'Fn::GetAtt': [logicalId, attribute] }`, as the framework writes it. */
export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });

// ---------------------------------------------------------------------------------------------
// Lambda functions (Serverless Framework naming)
// ---------------------------------------------------------------------------------------------

/** Serverless Framework's normalized function name: `get-product_v2` -> `GetDashproductUnderscorev2`. */
export const normalizedFunctionName = (functionKey: string): string => {
  const normalized = functionKey.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return normalized.charAt(0).toUpperCase() + normalized.slice(1);
};

/** The logical ID the framework gives the function `functionKey` of serverless.yml. */
export const functionLogicalId = (functionKey: string): string => `${normalizedFunctionName(functionKey)}LambdaFunction`;

/** The AWS::Lambda::Function of the function `functionKey` of serverless.yml. */
export const lambdaFunction = (template: CfnTemplate, functionKey: string): CfnResource => {
  const fn = resource(template, functionLogicalId(functionKey));
  if (fn.Type !== 'AWS::Lambda::Function') throw new Error(`${functionLogicalId(functionKey)} is a ${fn.Type}`);
  return fn;
};

/** The log group the function writes to: its LoggingConfig.LogGroup, else /aws/lambda/<FunctionName>. */
export const functionLogGroup = (template: CfnTemplate, functionKey: string): FoundResource => {
  const props = lambdaFunction(template, functionKey).Properties ?? {};
  const loggingConfig = isRecord(props.LoggingConfig) ? props.LoggingConfig : {};
  const name = loggingConfig.LogGroup ?? `/aws/lambda/${String(props.FunctionName)}`;
  const byRef = referencedLogicalId(name);
  const found = resourcesOfType(template, 'AWS::Logs::LogGroup').find(
    (group) => group.logicalId === byRef || group.resource.Properties?.LogGroupName === name,
  );
  if (!found) throw new Error(`no AWS::Logs::LogGroup for function ${functionKey} (${JSON.stringify(name)})`);
  return found;
};

/** The AWS::IAM::Role the function runs with (its Role must reference a role of the template). */
export const functionRole = (template: CfnTemplate, functionKey: string): FoundResource => {
  const roleRef = lambdaFunction(template, functionKey).Properties?.Role;
  const logicalId = referencedLogicalId(roleRef);
  if (!logicalId) throw new Error(`function ${functionKey} uses a role from outside the template: ${JSON.stringify(roleRef)}`);
  const role = resource(template, logicalId);
  if (role.Type !== 'AWS::IAM::Role') throw new Error(`${logicalId} (role of ${functionKey}) is a ${role.Type}`);
  return { logicalId, resource: role };
};

// ---------------------------------------------------------------------------------------------
// IAM
// ---------------------------------------------------------------------------------------------

/** An IAM policy statement with Action/Resource always as lists. */
export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: CfnValue[];
  Condition?: CfnValue;
  /** Logical ID of the role, policy or managed policy holding the statement. */
  source: string;
}

const asList = (value: CfnValue): CfnValue[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const normalizeStatements = (document: CfnValue, source: string): PolicyStatement[] => {
  if (!isRecord(document)) return [];
  return asList(document.Statement).filter(isRecord).map((statement) => ({
    Effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
    Action: asList(statement.Action ?? statement.NotAction).map(String),
    Resource: asList(statement.Resource ?? statement.NotResource),
    ...(statement.Condition === undefined ? {} : { Condition: statement.Condition }),
    source,
  }));
};

const refersTo = (values: CfnValue, logicalId: string): boolean =>
  asList(values).some((value) => referencedLogicalId(value) === logicalId);

/**
 * Every statement granted to a role: its inline Policies plus the AWS::IAM::Policy and
 * AWS::IAM::ManagedPolicy resources of the template attached to it. (Managed policies referenced by
 * ARN, e.g. AWS-managed ones, are listed by roleManagedPolicyArns, not expanded.)
 */
export const roleStatements = (template: CfnTemplate, roleLogicalId: string): PolicyStatement[] => {
  const role = resource(template, roleLogicalId);
  const inline = asList(role.Properties?.Policies)
    .filter(isRecord)
    .flatMap((policy) => normalizeStatements(policy.PolicyDocument, roleLogicalId));
  const attached = [...resourcesOfType(template, 'AWS::IAM::Policy'), ...resourcesOfType(template, 'AWS::IAM::ManagedPolicy')]
    .filter(({ logicalId, resource: policy }) =>
      refersTo(policy.Properties?.Roles, roleLogicalId) ||
      asList(role.Properties?.ManagedPolicyArns).some((arn) => referencedLogicalId(arn) === logicalId))
    .flatMap(({ logicalId, resource: policy }) => normalizeStatements(policy.Properties?.PolicyDocument, logicalId));
  return [...inline, ...attached];
};

/** The ManagedPolicyArns of a role, as written in the template. */
export const roleManagedPolicyArns = (template: CfnTemplate, roleLogicalId: string): CfnValue[] =>
  asList(resource(template, roleLogicalId).Properties?.ManagedPolicyArns);

/** Every statement the role of the function `functionKey` grants (see roleStatements). */
export const functionPolicyStatements = (template: CfnTemplate, functionKey: string): PolicyStatement[] =>
  roleStatements(template, functionRole(template, functionKey).logicalId);

/** Every policy statement in the template: inline role policies, IAM policies, managed policies. */
export const allPolicyStatements = (template: CfnTemplate): PolicyStatement[] => [
  ...resourcesOfType(template, 'AWS::IAM::Role').flatMap(({ logicalId, resource: role }) =>
    asList(role.Properties?.Policies).filter(isRecord).flatMap((policy) => normalizeStatements(policy.PolicyDocument, logicalId))),
  ...[...resourcesOfType(template, 'AWS::IAM::Policy'), ...resourcesOfType(template, 'AWS::IAM::ManagedPolicy')].flatMap(
    ({ logicalId, resource: policy }) => normalizeStatements(policy.Properties?.PolicyDocument, logicalId),
  ),
];

/** The statements with at least one action of the service prefix (`dynamodb` -> `dynamodb:*`, `dynamodb:GetItem`, `*`). */
export const statementsForService = (statements: PolicyStatement[], servicePrefix: string): PolicyStatement[] =>
  statements.filter((statement) =>
    statement.Action.some((action) => action === '*' || action.toLowerCase().startsWith(`${servicePrefix.toLowerCase()}:`)));

/** The sorted, de-duplicated actions of the service prefix allowed by the statements. */
export const allowedActions = (statements: PolicyStatement[], servicePrefix: string): string[] =>
  [...new Set(
    statementsForService(statements, servicePrefix)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => statement.Action)
      .filter((action) => action === '*' || action.toLowerCase().startsWith(`${servicePrefix.toLowerCase()}:`)),
  )].sort();

// ---------------------------------------------------------------------------------------------
// API Gateway (REST API)
// ---------------------------------------------------------------------------------------------

export interface ApiMethod extends FoundResource {
  httpMethod: string;
  /** The resource path, e.g. `/products/{id}` (`/` for the root resource). */
  path: string;
  /** Logical ID of the AWS::ApiGateway::RestApi the method belongs to. */
  restApiLogicalId: string | undefined;
}

const normalizePath = (value: string): string => `/${value.split('/').filter(Boolean).join('/')}`;

/**
 * The path of an API Gateway resource given a ResourceId/ParentId value: follows the
 * AWS::ApiGateway::Resource chain (PathPart, ParentId) up to the RestApi's RootResourceId.
 */
export const apiResourcePath = (template: CfnTemplate, resourceId: CfnValue): string => {
  const parts: string[] = [];
  const seen = new Set<string>();
  let current = resourceId;
  for (;;) {
    if (isRecord(current) && Array.isArray(current['Fn::GetAtt']) && current['Fn::GetAtt'][1] === 'RootResourceId') break;
    const logicalId = referencedLogicalId(current);
    if (!logicalId) throw new Error(`cannot resolve API Gateway resource ${JSON.stringify(current)}`);
    if (seen.has(logicalId)) throw new Error(`API Gateway resource cycle at ${logicalId}`);
    seen.add(logicalId);
    const res = resource(template, logicalId);
    if (res.Type === 'AWS::ApiGateway::RestApi') break; // { Ref: RestApi } used as root is not valid CFN, but harmless here
    if (res.Type !== 'AWS::ApiGateway::Resource') throw new Error(`${logicalId} is a ${res.Type}, not an AWS::ApiGateway::Resource`);
    parts.unshift(String(res.Properties?.PathPart));
    current = res.Properties?.ParentId;
  }
  return normalizePath(parts.join('/'));
};

/** Every AWS::ApiGateway::Method with its HTTP method and resolved path. */
export const apiMethods = (template: CfnTemplate): ApiMethod[] =>
  resourcesOfType(template, 'AWS::ApiGateway::Method').map(({ logicalId, resource: method }) => ({
    logicalId,
    resource: method,
    httpMethod: String(method.Properties?.HttpMethod).toUpperCase(),
    path: apiResourcePath(template, method.Properties?.ResourceId),
    restApiLogicalId: referencedLogicalId(method.Properties?.RestApiId),
  }));

/**
 * The AWS::ApiGateway::Method for an HTTP method and path (`GET`, `/products/{id}`), resolved
 * through the resource chain rather than the framework's logical ID naming. Throws when there is
 * none or (several REST APIs) more than one; pass restApiLogicalId to choose the API.
 */
export const apiMethod = (template: CfnTemplate, httpMethod: string, resourcePath: string, restApiLogicalId?: string): ApiMethod => {
  const all = apiMethods(template);
  const wanted = { httpMethod: httpMethod.toUpperCase(), path: normalizePath(resourcePath) };
  const found = all.filter(
    (method) => method.httpMethod === wanted.httpMethod && method.path === wanted.path &&
      (restApiLogicalId === undefined || method.restApiLogicalId === restApiLogicalId),
  );
  if (found.length !== 1) {
    const available = all.map((method) => `${method.httpMethod} ${method.path}`).sort().join(', ');
    throw new Error(`expected one ${wanted.httpMethod} ${wanted.path} method, found ${found.length}; methods: ${available}`);
  }
  return found[0]!;
};

/** The Integration.CacheKeyParameters of a method (empty when it has none). */
export const cacheKeyParameters = (method: FoundResource): string[] => {
  const integration = method.resource.Properties?.Integration;
  return isRecord(integration) ? asList(integration.CacheKeyParameters).map(String) : [];
};

/** The Lambda function logical ID an AWS_PROXY method integrates with, or undefined. */
export const integratedFunctionLogicalId = (method: FoundResource): string | undefined => {
  const integration = method.resource.Properties?.Integration;
  if (!isRecord(integration)) return undefined;
  const uri = integration.Uri;
  const joined = isRecord(uri) && Array.isArray(uri['Fn::Join']) ? asList(uri['Fn::Join'][1]) : asList(uri);
  return joined.map(referencedLogicalId).find((id) => id !== undefined && id.endsWith('LambdaFunction'));
};

/** The methods (CORS preflight OPTIONS aside) integrated with the function `functionKey`: its http events. */
export const functionApiMethods = (template: CfnTemplate, functionKey: string): ApiMethod[] =>
  apiMethods(template).filter(
    (method) => method.httpMethod !== 'OPTIONS' && integratedFunctionLogicalId(method) === functionLogicalId(functionKey),
  );

/** The RequestParameters of a method (`{ 'method.request.path.id': true }`; empty when it has none). */
export const methodRequestParameters = (method: FoundResource): Record<string, boolean> => {
  const parameters = method.resource.Properties?.RequestParameters;
  return isRecord(parameters) ? Object.fromEntries(Object.entries(parameters).map(([name, required]) => [name, required === true])) : {};
};

/**
 * The AWS::ApiGateway::RequestValidator the method's RequestValidatorId references, or undefined when
 * the method has none. Throws when it references anything else.
 */
export const methodRequestValidator = (template: CfnTemplate, method: FoundResource): FoundResource | undefined => {
  const validatorId = method.resource.Properties?.RequestValidatorId;
  if (validatorId === undefined) return undefined;
  const logicalId = referencedLogicalId(validatorId);
  if (!logicalId) throw new Error(`${method.logicalId}: RequestValidatorId is no reference: ${JSON.stringify(validatorId)}`);
  const validator = resource(template, logicalId);
  if (validator.Type !== 'AWS::ApiGateway::RequestValidator') throw new Error(`${logicalId} (validator of ${method.logicalId}) is a ${validator.Type}`);
  return { logicalId, resource: validator };
};

/**
 * The AWS::ApiGateway::Model the method's RequestModels references for a content type, or undefined
 * when it has none for it. Throws when it references anything else.
 */
export const methodRequestModel = (template: CfnTemplate, method: FoundResource, contentType = 'application/json'): FoundResource | undefined => {
  const models = method.resource.Properties?.RequestModels;
  if (!isRecord(models) || models[contentType] === undefined) return undefined;
  const logicalId = referencedLogicalId(models[contentType]);
  if (!logicalId) throw new Error(`${method.logicalId}: RequestModels[${contentType}] is no reference: ${JSON.stringify(models[contentType])}`);
  const model = resource(template, logicalId);
  if (model.Type !== 'AWS::ApiGateway::Model') throw new Error(`${logicalId} (model of ${method.logicalId}) is a ${model.Type}`);
  return { logicalId, resource: model };
};

/** Which functions' routes have a body model, and its name: `{ createProduct: 'CreateProductRequest' }`. */
export const bodyModelsByFunction = (template: CfnTemplate, functionKeys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(
    resourcesOfType(template, 'AWS::ApiGateway::Method').flatMap((method): [string, CfnValue][] => {
      const model = methodRequestModel(template, method);
      if (!model) return [];
      const functionKey = functionKeys.find((key) => functionLogicalId(key) === integratedFunctionLogicalId(method));
      if (!functionKey) throw new Error(`${method.logicalId} has a request model but integrates none of ${functionKeys.join(', ')}`);
      return [[functionKey, model.resource.Properties?.Name ?? null]];
    }),
  );

/**
 * The `request.parameters` of a Serverless Framework http event (`{ paths: { id: true },
 * querystrings: { limit: false }, headers: { 'Idempotency-Key': true } }`) as the method's
 * RequestParameters they compile to (`method.request.path.id: true`...).
 */
export const requestParametersOf = (parameters: {
  paths?: Record<string, boolean>;
  querystrings?: Record<string, boolean>;
  headers?: Record<string, boolean>;
} = {}): Record<string, boolean> => ({
  ...Object.fromEntries(Object.entries(parameters.paths ?? {}).map(([name, required]) => [`method.request.path.${name}`, required])),
  ...Object.fromEntries(Object.entries(parameters.querystrings ?? {}).map(([name, required]) => [`method.request.querystring.${name}`, required])),
  ...Object.fromEntries(Object.entries(parameters.headers ?? {}).map(([name, required]) => [`method.request.header.${name}`, required])),
});

// ---------------------------------------------------------------------------------------------
// Stage cache (serverless-api-gateway-caching)
// ---------------------------------------------------------------------------------------------

/** The resolved service configuration the packaging run saved (serverless-state.json of the package folder). */
export const packagedServiceState = (packaged: Pick<PackagedService, 'packageDir'>): { service: Record<string, unknown> } =>
  JSON.parse(readFileSync(path.join(packaged.packageDir, 'serverless-state.json'), 'utf8')) as { service: Record<string, unknown> };

/** One method's entry of the stage MethodSettings (as AWS::ApiGateway::Stage names them). */
export interface StageMethodCacheSetting {
  ResourcePath: string;
  HttpMethod: string;
  CachingEnabled: boolean;
  CacheTtlInSeconds?: number;
  CacheDataEncrypted?: boolean;
}

export interface StageCacheSettings {
  CacheClusterEnabled: boolean;
  CacheClusterSize?: string;
  /** One entry per http event of the service (caching disabled where the event does not enable it). */
  MethodSettings: StageMethodCacheSetting[];
}

interface CachingPluginEndpointSettings {
  path: string;
  method: string;
  cachingEnabled: boolean;
  cacheTtlInSeconds?: number;
  dataEncrypted?: boolean;
}

/**
 * The stage cache settings serverless-api-gateway-caching applies. The template holds none of them:
 * the plugin patches the stage (cache cluster, per-method caching/enabled and ttlInSeconds) with
 * API Gateway's UpdateStage after the deploy, from the service configuration. This reads the
 * configuration the packaging run resolved (serverless-state.json) through the plugin's own
 * settings class, resolved from the service (which lists the plugin), so the result is what the
 * deploy would patch. (Cache key parameters and CacheNamespace, which the plugin does write into
 * the template, are read with cacheKeyParameters.)
 */
export const stageCacheSettings = (packaged: Pick<PackagedService, 'packageDir' | 'stage'>, serviceDir: string): StageCacheSettings => {
  const state = packagedServiceState(packaged);
  const requireFromService = createRequire(path.join(path.resolve(serviceDir), 'package.json'));
  const pluginDir = path.dirname(requireFromService.resolve('serverless-api-gateway-caching/package.json'));
  const Settings = requireFromService(path.join(pluginDir, 'src', 'ApiGatewayCachingSettings.js')) as new (
    serverless: unknown,
    options: { stage: string; region?: string },
  ) => { cachingEnabled?: boolean; cacheClusterSize?: string; endpointSettings?: CachingPluginEndpointSettings[] };
  const provider = isRecord(state.service.provider) ? state.service.provider : {};
  const settings = new Settings({ service: state.service }, { stage: packaged.stage, region: typeof provider.region === 'string' ? provider.region : undefined });
  const clusterEnabled = settings.cachingEnabled === true;
  return {
    CacheClusterEnabled: clusterEnabled,
    ...(clusterEnabled ? { CacheClusterSize: settings.cacheClusterSize } : {}),
    MethodSettings: (settings.endpointSettings ?? []).map((endpoint) => ({
      ResourcePath: normalizePath(endpoint.path),
      HttpMethod: endpoint.method.toUpperCase(),
      CachingEnabled: endpoint.cachingEnabled === true,
      ...(endpoint.cachingEnabled ? { CacheTtlInSeconds: endpoint.cacheTtlInSeconds, CacheDataEncrypted: endpoint.dataEncrypted === true } : {}),
    })),
  };
};

/** The stage cache setting of one method (`GET`, `/products/{id}`); throws when the service has no such http event. */
export const stageMethodCacheSetting = (settings: StageCacheSettings, httpMethod: string, resourcePath: string): StageMethodCacheSetting => {
  const wanted = { httpMethod: httpMethod.toUpperCase(), path: normalizePath(resourcePath) };
  const found = settings.MethodSettings.filter((setting) => setting.HttpMethod === wanted.httpMethod && setting.ResourcePath === wanted.path);
  if (found.length !== 1) {
    const available = settings.MethodSettings.map((setting) => `${setting.HttpMethod} ${setting.ResourcePath}`).sort().join(', ');
    throw new Error(`expected one stage cache setting for ${wanted.httpMethod} ${wanted.path}, found ${found.length}; settings: ${available}`);
  }
  return found[0]!;
};

// ---------------------------------------------------------------------------------------------
// Zip artifacts
// ---------------------------------------------------------------------------------------------

export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
  method: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

const parseCentralDirectory = (zip: Buffer, zipPath: string): ZipEntry[] => {
  // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the end of the file.
  let eocd = -1;
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset -= 1) {
    if (zip.readUInt32LE(offset) === EOCD_SIGNATURE) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${zipPath} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw new Error(`${zipPath}: bad central directory entry ${index}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};

/** The entries (files and folders) of a zip file, in archive order. No ZIP64 support (archives < 4 GiB). */
export const zipEntries = async (zipPath: string): Promise<ZipEntry[]> => parseCentralDirectory(await readFile(zipPath), zipPath);

/** The uncompressed content of one entry of a zip file (stored or deflated). */
export const readZipEntry = async (zipPath: string, name: string): Promise<Buffer> => {
  const zip = await readFile(zipPath);
  const entry = parseCentralDirectory(zip, zipPath).find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`${zipPath} has no entry ${name}`);
  const local = entry.localHeaderOffset;
  if (zip.readUInt32LE(local) !== LOCAL_SIGNATURE) throw new Error(`${zipPath}: bad local header for ${name}`);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${zipPath}: ${name} uses unsupported compression method ${entry.method}`);
};

/**
 * The zip the framework built for a function: the file of the package folder named like the
 * function's Code.S3Key (so the test checks the artifact the template really deploys).
 */
export const functionArtifactPath = (packaged: Pick<PackagedService, 'packageDir' | 'template'>, functionKey: string): string => {
  const code = lambdaFunction(packaged.template, functionKey).Properties?.Code;
  const key = isRecord(code) ? code.S3Key : undefined;
  if (typeof key !== 'string') throw new Error(`function ${functionKey} has no literal Code.S3Key: ${JSON.stringify(code)}`);
  return path.join(packaged.packageDir, path.posix.basename(key));
};
