import { versionedUpdate } from './versioned-update';

const now = new Date('2026-12-06T10:00:00.000Z');

describe('versionedUpdate', () => {
  it('sets the defined changes, bumps the version and updatedAt, only at the expected version', () => {
    expect(versionedUpdate({ tableName: 't', key: { pk: 'A', sk: 'A' }, changes: { name: 'New', description: undefined }, expectedVersion: 3, now })).toEqual({
      TableName: 't',
      Key: { pk: 'A', sk: 'A' },
      UpdateExpression: 'SET #version = #version + :one, #updatedAt = :now, #name = :name',
      ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
      ExpressionAttributeNames: { '#version': 'version', '#updatedAt': 'updatedAt', '#name': 'name' },
      ExpressionAttributeValues: { ':expected': 3, ':one': 1, ':now': '2026-12-06T10:00:00.000Z', ':name': 'New' },
      ReturnValues: 'ALL_NEW',
    });
  });

  it('ANDs a further condition with its names and values', () => {
    const input = versionedUpdate({
      tableName: 't',
      key: { pk: 'A', sk: 'A' },
      changes: {},
      expectedVersion: 1,
      now,
      condition: { expression: '#status = :active', names: { '#status': 'status' }, values: { ':active': 'active' } },
    });
    expect(input.ConditionExpression).toBe('attribute_exists(pk) AND #version = :expected AND #status = :active');
    expect(input.ExpressionAttributeNames).toMatchObject({ '#status': 'status' });
    expect(input.ExpressionAttributeValues).toMatchObject({ ':active': 'active' });
    expect(input.UpdateExpression).toBe('SET #version = #version + :one, #updatedAt = :now');
  });
});

describe('versionedUpdate without changes or a further condition', () => {
  it('still bumps the version and updatedAt, with no further names or values', () => {
    expect(versionedUpdate({ tableName: 't', key: { pk: 'A' }, changes: {}, expectedVersion: 1, now })).toMatchObject({
      UpdateExpression: 'SET #version = #version + :one, #updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
      ExpressionAttributeNames: { '#version': 'version', '#updatedAt': 'updatedAt' },
      ExpressionAttributeValues: { ':expected': 1, ':one': 1, ':now': '2026-12-06T10:00:00.000Z' },
    });
  });

  it('sets falsy changes (0, false, empty text, null), skipping only undefined', () => {
    const update = versionedUpdate({
      tableName: 't',
      key: { pk: 'A' },
      changes: { stock: 0, active: false, note: '', gone: null, skip: undefined },
      expectedVersion: 2,
      now,
    });
    expect(update.UpdateExpression).toBe('SET #version = #version + :one, #updatedAt = :now, #stock = :stock, #active = :active, #note = :note, #gone = :gone');
    expect(update.ExpressionAttributeValues).toMatchObject({ ':stock': 0, ':active': false, ':note': '', ':gone': null });
  });
});
