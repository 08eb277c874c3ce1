import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsageCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  NotFoundException,
  BadRequestException,
  ConflictException,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import type { ManagementApi } from './management-api';
import { startManagementApi } from './management-api';
import { ApiKeyStore } from './store';

const STAGES = [{ apiId: 'local-catalog', stage: 'local' }];
let store: ApiKeyStore;
let api: ManagementApi;
let client: APIGatewayClient;

beforeAll(async () => {
  store = new ApiKeyStore({
    plans: [
      { name: 'emporium-local-free', description: 'Free', apiStages: STAGES, throttle: { rateLimit: 5, burstLimit: 10 }, quota: { limit: 100, period: 'DAY' } },
      { name: 'emporium-local-partner', apiStages: STAGES, throttle: { rateLimit: 50, burstLimit: 100 } },
    ],
  });
  api = await startManagementApi(store, { host: '127.0.0.1', port: 0 });
  // The real SDK, as a function uses it in AWS: only the endpoint differs.
  client = new APIGatewayClient({ endpoint: api.url, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await api.close();
});

const freePlanId = async () => (await client.send(new GetUsagePlansCommand({}))).items!.find((plan) => plan.name === 'emporium-local-free')!.id!;

describe('the API Gateway management API, locally, through @aws-sdk/client-api-gateway', () => {
  it('lists the usage plans with their throttle and quota', async () => {
    const { items } = await client.send(new GetUsagePlansCommand({}));
    expect(items).toEqual([
      expect.objectContaining({
        name: 'emporium-local-free',
        apiStages: STAGES,
        throttle: { rateLimit: 5, burstLimit: 10 },
        quota: { limit: 100, offset: 0, period: 'DAY' },
      }),
      expect.objectContaining({ name: 'emporium-local-partner', throttle: { rateLimit: 50, burstLimit: 100 } }),
    ]);
  });

  it('creates a key (value shown), puts it in a plan, and the gateway admits it at once', async () => {
    const created = await client.send(new CreateApiKeyCommand({ name: 'app-1', enabled: true, customerId: 'user-1' }));
    expect(created).toMatchObject({
      id: expect.any(String),
      name: 'app-1',
      enabled: true,
      customerId: 'user-1',
      value: expect.stringMatching(/^[A-Za-z0-9]{40}$/),
    });
    expect(created.createdDate).toBeInstanceOf(Date);
    const planId = await freePlanId();
    expect(store.admit(created.value, 'local-catalog', 'local')).toBeUndefined();
    const planKey = await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: created.id!, keyType: 'API_KEY' }));
    expect(planKey).toMatchObject({ id: created.id, type: 'API_KEY', name: 'app-1' });
    expect(store.admit(created.value, 'local-catalog', 'local')?.key.id).toBe(created.id);
    expect((await client.send(new GetUsagePlanKeysCommand({ usagePlanId: planId }))).items?.map((key) => key.id)).toContain(created.id);
    expect((await client.send(new GetUsagePlansCommand({ keyId: created.id }))).items?.map((plan) => plan.id)).toEqual([planId]);
  });

  it('never returns a value unless asked to', async () => {
    const created = await client.send(new CreateApiKeyCommand({ name: 'app-2', enabled: true }));
    expect((await client.send(new GetApiKeyCommand({ apiKey: created.id! }))).value).toBeUndefined();
    expect((await client.send(new GetApiKeyCommand({ apiKey: created.id!, includeValue: true }))).value).toBe(created.value);
    const listed = await client.send(new GetApiKeysCommand({ nameQuery: 'app-2' }));
    expect(listed.items).toEqual([expect.objectContaining({ id: created.id })]);
    expect(listed.items?.[0]?.value).toBeUndefined();
  });

  it('disables and re-enables a key, and deletes it: the gateway follows at once', async () => {
    const planId = await freePlanId();
    const created = await client.send(new CreateApiKeyCommand({ name: 'app-3', enabled: true }));
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: created.id!, keyType: 'API_KEY' }));
    const disabled = await client.send(
      new UpdateApiKeyCommand({ apiKey: created.id!, patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }),
    );
    expect(disabled.enabled).toBe(false);
    expect(store.admit(created.value, 'local-catalog', 'local')).toBeUndefined();
    await client.send(new UpdateApiKeyCommand({ apiKey: created.id!, patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }] }));
    expect(store.admit(created.value, 'local-catalog', 'local')).toBeDefined();
    await client.send(new DeleteApiKeyCommand({ apiKey: created.id! }));
    expect(store.admit(created.value, 'local-catalog', 'local')).toBeUndefined();
    await expect(client.send(new GetApiKeyCommand({ apiKey: created.id! }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it("reads a key's usage per day, as the gateway counted it", async () => {
    const planId = await freePlanId();
    const created = await client.send(new CreateApiKeyCommand({ name: 'app-4', enabled: true }));
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: created.id!, keyType: 'API_KEY' }));
    for (let i = 0; i < 7; i += 1) store.countRequest(planId, created.id!);
    const today = new Date().toISOString().slice(0, 10);
    const usage = await client.send(new GetUsageCommand({ usagePlanId: planId, keyId: created.id!, startDate: today, endDate: today }));
    expect(usage).toMatchObject({ usagePlanId: planId, startDate: today, endDate: today, items: { [created.id!]: [[7, 93]] } });
    await client.send(new DeleteUsagePlanKeyCommand({ usagePlanId: planId, keyId: created.id! }));
    expect(store.admit(created.value, 'local-catalog', 'local')).toBeUndefined();
  });

  it("answers API Gateway's errors: 404 NotFound, 409 Conflict, 400 BadRequest", async () => {
    await expect(client.send(new GetApiKeyCommand({ apiKey: 'nosuchkey0' }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(client.send(new CreateUsagePlanKeyCommand({ usagePlanId: 'nope00', keyId: 'x', keyType: 'API_KEY' }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
    const created = await client.send(new CreateApiKeyCommand({ name: 'app-5', enabled: true }));
    await expect(client.send(new CreateApiKeyCommand({ name: 'again', value: created.value }))).rejects.toBeInstanceOf(ConflictException);
    await expect(client.send(new CreateApiKeyCommand({ value: 'too-short' }))).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      client.send(new UpdateApiKeyCommand({ apiKey: created.id!, patchOperations: [{ op: 'replace', path: '/value', value: 'x' }] })),
    ).rejects.toBeInstanceOf(BadRequestException);
  });
});
