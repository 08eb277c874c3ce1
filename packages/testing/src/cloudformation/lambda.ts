/** Lambda functions and their IAM, as the Serverless Framework names and compiles them. */
import type { CfnResource, CfnTemplate, CfnValue, FoundResource } from './template';
import { asList, isRecord, referencedLogicalId, resource, resourcesOfType } from './template';
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
  const found = resourcesOfType(template, 'AWS::Logs::LogGroup').find((group) => group.logicalId === byRef || group.resource.Properties?.LogGroupName === name);
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

const normalizeStatements = (document: CfnValue, source: string): PolicyStatement[] => {
  if (!isRecord(document)) return [];
  return asList(document.Statement)
    .filter(isRecord)
    .map((statement) => ({
      Effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
      Action: asList(statement.Action ?? statement.NotAction).map(String),
      Resource: asList(statement.Resource ?? statement.NotResource),
      ...(statement.Condition === undefined ? {} : { Condition: statement.Condition }),
      source,
    }));
};

const refersTo = (values: CfnValue, logicalId: string): boolean => asList(values).some((value) => referencedLogicalId(value) === logicalId);

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
    .filter(
      ({ logicalId, resource: policy }) =>
        refersTo(policy.Properties?.Roles, roleLogicalId) || asList(role.Properties?.ManagedPolicyArns).some((arn) => referencedLogicalId(arn) === logicalId),
    )
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
    asList(role.Properties?.Policies)
      .filter(isRecord)
      .flatMap((policy) => normalizeStatements(policy.PolicyDocument, logicalId)),
  ),
  ...[...resourcesOfType(template, 'AWS::IAM::Policy'), ...resourcesOfType(template, 'AWS::IAM::ManagedPolicy')].flatMap(({ logicalId, resource: policy }) =>
    normalizeStatements(policy.Properties?.PolicyDocument, logicalId),
  ),
];

/** The statements with at least one action of the service prefix (`dynamodb` -> `dynamodb:*`, `dynamodb:GetItem`, `*`). */
export const statementsForService = (statements: PolicyStatement[], servicePrefix: string): PolicyStatement[] =>
  statements.filter((statement) => statement.Action.some((action) => action === '*' || action.toLowerCase().startsWith(`${servicePrefix.toLowerCase()}:`)));

/** The sorted, de-duplicated actions of the service prefix allowed by the statements. */
export const allowedActions = (statements: PolicyStatement[], servicePrefix: string): string[] =>
  [
    ...new Set(
      statementsForService(statements, servicePrefix)
        .filter((statement) => statement.Effect === 'Allow')
        .flatMap((statement) => statement.Action)
        .filter((action) => action === '*' || action.toLowerCase().startsWith(`${servicePrefix.toLowerCase()}:`)),
    ),
  ].sort();
