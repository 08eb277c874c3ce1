'use strict';
// The Serverless Framework loads plugins with require(). This one is TypeScript (src/plugin.ts),
// bundled in memory each time it loads (@emporium/common/load-typescript).
const path = require('node:path');
const { loadTypeScript } = require('@emporium/common/load-typescript');

module.exports = loadTypeScript(path.join(__dirname, 'src', 'plugin.ts'), module).default;
