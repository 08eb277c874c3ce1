import path from 'node:path';
import { deployables, selectDeployables } from '../src/stacks';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('the deployables of the workspace', () => {
  it('are every service folder by name, each with its stacks in deploy order, and the platform stack last', () => {
    expect(deployables(ROOT)).toEqual([
      {
        service: 'catalog',
        dir: 'services/catalog',
        stacks: [
          { name: 'catalog', configFile: 'serverless.yml' },
          { name: 'catalog-v2', configFile: 'serverless.v2.yml' },
        ],
      },
      { service: 'developers', dir: 'services/developers', stacks: [{ name: 'developers', configFile: 'serverless.yml' }] },
      { service: 'orders', dir: 'services/orders', stacks: [{ name: 'orders', configFile: 'serverless.yml' }] },
      { service: 'users', dir: 'services/users', stacks: [{ name: 'users', configFile: 'serverless.yml' }] },
      { service: 'platform', dir: 'platform', stacks: [{ name: 'emporium-platform', configFile: 'serverless.yml' }] },
    ]);
  });

  it('selects by name in deploy order, and names the known services when asked for an unknown one', () => {
    expect(selectDeployables(ROOT, ['platform', 'orders']).map((d) => d.service)).toEqual(['orders', 'platform']);
    expect(() => selectDeployables(ROOT, ['shipping'])).toThrow('Unknown service shipping: the workspace has catalog, developers, orders, users, platform');
  });
});
