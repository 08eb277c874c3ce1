import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { registerUserBody } from '../schemas/user';
import { registerUser } from '../use-cases/users';

/** Public sign-up: 201 with the public user (always role customer); 409 EMAIL_TAKEN. */
export const handler = httpHandler({ body: registerUserBody }, async ({ body, event }) => {
  const user = await registerUser(body, getDeps());
  return { status: 201, body: user, headers: { location: `${event.path}/${user.id}` } };
});
