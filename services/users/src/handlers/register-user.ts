import { httpHandler } from '@emporium/common/http/handler';
import { registerUser as registerUserRoute } from '@emporium/users-contract/operations/register-user';
import { getDeps } from '../container';
import { registerUser } from '../use-cases/users';
import { newId } from '@emporium/common/ids';

/** Public sign-up: 201 with the public user (always role customer); 409 EMAIL_TAKEN. */
export const handler = httpHandler(registerUserRoute, async ({ body, event }) => {
  const user = await registerUser(body, { ...getDeps(), newId });
  return { status: 201 as const, body: user, headers: { location: `${event.path.replace(/\/+$/, '')}/${user.id}` } };
});
