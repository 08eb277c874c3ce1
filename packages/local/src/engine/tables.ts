import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { ServiceDefinition } from '../config/service-config';
import { PlatformError } from '../platform-error';

/** CloudFormation table properties that describe the table itself (the rest is AWS operations). */
const TABLE_SHAPE_KEYS = [
  'TableName',
  'AttributeDefinitions',
  'KeySchema',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
  'BillingMode',
  'ProvisionedThroughput',
] as const;

export interface TableDefinition {
  service: string;
  logicalId: string;
  input: CreateTableCommandInput;
}

/** The DynamoDB tables a service declares under `resources`, as CreateTable inputs. */
export const tablesOf = (service: ServiceDefinition): TableDefinition[] =>
  Object.entries(service.config.resources?.Resources ?? {})
    .filter(([, resource]) => resource.Type === 'AWS::DynamoDB::Table')
    .map(([logicalId, resource]) => {
      const properties = resource.Properties ?? {};
      const input = Object.fromEntries(
        TABLE_SHAPE_KEYS.filter((key) => properties[key] !== undefined).map((key) => [key, properties[key]]),
      ) as unknown as CreateTableCommandInput;
      if (typeof input.TableName !== 'string') {
        throw new PlatformError(`${service.name}: table ${logicalId} needs a literal TableName to run locally.`);
      }
      return { service: service.name, logicalId, input };
    });

/** Creates each table unless it exists already (a persistent engine keeps them across starts). */
export const ensureTables = async (client: DynamoDBClient, tables: readonly TableDefinition[]): Promise<string[]> => {
  const created: string[] = [];
  for (const table of tables) {
    try {
      await client.send(new DescribeTableCommand({ TableName: table.input.TableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand(table.input));
      created.push(table.input.TableName ?? table.logicalId);
    }
  }
  return created;
};

export const engineClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
