import { request } from './http';

/** The admin the users service seeds on local stages (printed by `pnpm start`). */
export const LOCAL_ADMIN = { email: 'admin@emporium.local', password: 'emporium-admin-local' };

let sequence = 0;

/** Signs in through the users service and returns the access token. */
export const signIn = async (platformUrl: string, email: string, password: string): Promise<string> => {
  const response = await request<{ accessToken?: string }>(`${platformUrl}/v1/users/sessions`, {
    method: 'POST',
    body: { email, password },
  });
  if (response.status !== 200 || !response.body?.accessToken) {
    throw new Error(`sign-in as ${email} failed: ${response.status} ${response.text}`);
  }
  return response.body.accessToken;
};

export const adminToken = (platformUrl: string): Promise<string> => signIn(platformUrl, LOCAL_ADMIN.email, LOCAL_ADMIN.password);

/** Registers a new customer through the users service and signs in as them. */
export const newCustomer = async (platformUrl: string): Promise<{ id: string; email: string; password: string; token: string }> => {
  sequence += 1;
  const email = `customer-${Date.now()}-${process.pid}-${sequence}@example.com`;
  const password = `correct horse ${sequence} battery`;
  const registered = await request<{ id: string }>(`${platformUrl}/v1/users`, {
    method: 'POST',
    body: { email, password, displayName: `Customer ${sequence}` },
  });
  if (registered.status !== 201) throw new Error(`registration failed: ${registered.status} ${registered.text}`);
  return { id: registered.body.id, email, password, token: await signIn(platformUrl, email, password) };
};

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
