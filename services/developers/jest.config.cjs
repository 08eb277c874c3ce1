const preset = require('../../jest.preset.cjs');

// contract/ is a package of its own, with its own tests.
module.exports = { ...preset, testPathIgnorePatterns: [...preset.testPathIgnorePatterns, '<rootDir>/contract/'] };
