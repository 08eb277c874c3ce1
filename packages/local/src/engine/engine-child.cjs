// The embedded DynamoDB engine: dynalite (patched with transactions) in its own process, so the
// database's work runs on another core than the front door. Started by engine.ts over IPC.
const dynalite = require('dynalite');

const port = Number(process.env.EMPORIUM_ENGINE_PORT || 0);
const dataDir = process.env.EMPORIUM_ENGINE_PATH || undefined;
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: dataDir });

server.on('error', (error) => {
  process.send?.({ type: 'error', code: error.code, message: error.message });
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: server.address().port });
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', () => {}); // the parent decides when to stop
process.on('disconnect', stop); // never outlive the platform
