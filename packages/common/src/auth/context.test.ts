import { apiEvent } from '@emporium/testing/events';
import { authContextOf } from './context';

describe('authContextOf: the caller, as the authorizer established it', () => {
  it.each(['customer', 'admin', 'service'])('reads a %s', (role) => {
    expect(authContextOf(apiEvent({ authorizer: { principalId: 'U1', role } }))).toEqual({ principalId: 'U1', role });
  });

  it('is nobody on a public route or an anonymous call', () => {
    expect(authContextOf(apiEvent())).toBeUndefined();
    expect(authContextOf({ requestContext: undefined as never })).toBeUndefined();
  });

  it('is nobody with an unknown role, or without a principal or a role', () => {
    expect(authContextOf(apiEvent({ authorizer: { principalId: 'U1', role: 'root' } }))).toBeUndefined();
    expect(authContextOf(apiEvent({ authorizer: { principalId: 'U1', role: 'Admin' } }))).toBeUndefined();
    expect(authContextOf(apiEvent({ authorizer: { principalId: 'U1' } }))).toBeUndefined();
    expect(authContextOf(apiEvent({ authorizer: { role: 'admin' } }))).toBeUndefined();
  });

  it('is nobody when the context holds something other than strings', () => {
    const event = apiEvent();
    event.requestContext.authorizer = { principalId: 7, role: 'admin' };
    expect(authContextOf(event)).toBeUndefined();
    event.requestContext.authorizer = { principalId: 'U1', role: ['admin'] };
    expect(authContextOf(event)).toBeUndefined();
  });
});
