import { apiEvent } from '@emporium/testing/events';
import { callerRequestId, REQUEST_ID_HEADER, requestIdOf } from './request-id';

describe('request ids', () => {
  it('travel in X-Request-Id', () => {
    expect(REQUEST_ID_HEADER).toBe('x-request-id');
  });

  it.each(['a', 'req-1', 'A.b_c:d-9', 'x'.repeat(128), '01J0000000000000000000000'])("take the caller's %p", (id) => {
    expect(callerRequestId(id)).toBe(id);
    expect(requestIdOf(apiEvent({ headers: { 'X-Request-Id': id } }))).toBe(id);
  });

  it.each(['', 'x'.repeat(129), 'has space', 'semi;colon', 'new\nline', 'ünïcode', 'a/b', ' a', 'a '])(
    "fall back to the gateway's id for an unusable %p",
    (id) => {
      expect(callerRequestId(id)).toBeUndefined();
      expect(requestIdOf(apiEvent({ headers: { 'x-request-id': id } }))).toBe('test-request');
    },
  );

  it("are the gateway's without the header", () => {
    expect(callerRequestId(undefined)).toBeUndefined();
    expect(requestIdOf(apiEvent())).toBe('test-request');
  });
});
