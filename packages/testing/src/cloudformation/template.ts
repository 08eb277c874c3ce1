/** CloudFormation templates as infrastructure tests read them: types, resources, references. */
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

/** A value as a list: itself if it is one, `[value]` otherwise, `[]` when undefined. */
export const asList = (value: CfnValue): CfnValue[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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
export const sortByJson = (values: readonly unknown[]): unknown[] => [...values].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** `{ 'Fn::GetAtt': [logicalId, attribute] }`, as the framework writes it. */
export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });
