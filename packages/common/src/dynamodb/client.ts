import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let documentClient: DynamoDBDocumentClient | undefined;

/**
 * The container's one DynamoDB document client, created on first use and reused across
 * invocations (connection reuse). DYNAMODB_ENDPOINT is set only by the local platform.
 */
export const getDocumentClient = (): DynamoDBDocumentClient =>
  (documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
      maxAttempts: 3,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  ));
