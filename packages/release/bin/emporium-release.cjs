#!/usr/bin/env node
'use strict';
// The release CLI is TypeScript (src/cli.ts), bundled in memory each time it runs
// (@emporium/common/load-typescript): no build step, no compiled copy to keep in sync.
const path = require('node:path');
const { loadTypeScript } = require('@emporium/common/load-typescript');

loadTypeScript(path.join(__dirname, '..', 'src', 'cli.ts'), module);
