// Runs before every test file (see jest.preset.cjs).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// Metrics (EMF) are JSON lines on stdout: off in tests unless a test turns them on.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
