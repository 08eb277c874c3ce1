export { handler } from '@emporium/common/auth/authorizer';
