/**
 * A real in-process dynalite server (patched by patches/dynalite@4.0.0.patch) and an AWS SDK v3
 * client for it, for the engine's own tests: the wire format (errors, CancellationReasons, Item on
 * a failed condition) is exercised as services see it. One attempt per call: the SDK's retries
 * would hide what the engine answered.
 */
import { type AttributeValue, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

type Dynalite = (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;
// dynalite ships no type declarations
const dynalite = createRequire(__filename)('dynalite') as Dynalite;

export type Item = Record<string, AttributeValue>;

export const S = (value: string): AttributeValue => ({ S: value });
export const N = (value: number): AttributeValue => ({ N: String(value) });

export interface DynaliteServer {
  client: DynamoDBClient;
  put(table: string, item: Item): Promise<void>;
  stop(): Promise<void>;
}

export const startDynalite = async (): Promise<DynaliteServer> => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    client,
    put: async (table, item) => {
      await client.send(new PutItemCommand({ TableName: table, Item: item }));
    },
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((err?: Error) => (err ? reject(err) : resolve())));
    },
  };
};
