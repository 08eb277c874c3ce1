import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';

export interface VersionedUpdate {
  tableName: string;
  key: Record<string, unknown>;
  /** Attributes to set; undefined ones are left as they are. */
  changes: Readonly<Record<string, unknown>>;
  /** The version the caller read (If-Match): the update applies only while the item is still at it. */
  expectedVersion: number;
  now: Date;
  /** A further condition, ANDed (e.g. `#status = :active`), with its names and values. */
  condition?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
}

/**
 * The UpdateCommand input of an optimistic partial update of a versioned item: SET every defined
 * change, `version = version + 1` and `updatedAt`, only if the item exists at `expectedVersion`
 * (and `condition`), returning the new item. A failed condition is ConditionalCheckFailed: the
 * caller reads the item to tell "gone" from "moved on" (dynalite returns no old item).
 */
export const versionedUpdate = (input: VersionedUpdate): UpdateCommandInput => {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt', ...input.condition?.names };
  const values: Record<string, unknown> = { ':expected': input.expectedVersion, ':one': 1, ':now': input.now.toISOString(), ...input.condition?.values };
  const sets = ['#version = #version + :one', '#updatedAt = :now'];
  for (const [field, value] of Object.entries(input.changes)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  return {
    TableName: input.tableName,
    Key: input.key,
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: `attribute_exists(pk) AND #version = :expected${input.condition ? ` AND ${input.condition.expression}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
  };
};
