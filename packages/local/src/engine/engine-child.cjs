// The embedded DynamoDB engine: dynalite (patched with transactions) in its own process, so the
// database's work runs on another core than the front door. Started by engine.ts over IPC.
const dynalite = require('dynalite');
const { createFaultInjector, wrapRequestListener } = require('./fault-injection.cjs');

const port = Number(process.env.EMPORIUM_ENGINE_PORT || 0);
const dataDir = process.env.EMPORIUM_ENGINE_PATH || undefined;
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: dataDir });

// Fault injection (docs/adr/0020): dynalite's request listener behind the fault rules, which the
// platform sets over IPC. With no rule set, a call costs one property read more.
const faults = createFaultInjector();
const [dynaliteListener] = server.listeners('request');
server.removeAllListeners('request');
server.on('request', wrapRequestListener(dynaliteListener, faults));

process.on('message', (message) => {
  if (!message || message.type !== 'faults') return;
  try {
    const state = message.action === 'set' ? faults.set(message.rules) : message.action === 'clear' ? faults.clear() : faults.state();
    process.send?.({ type: 'faults', id: message.id, state });
  } catch (error) {
    process.send?.({ type: 'faults', id: message.id, errors: error.errors ?? [{ path: 'rules', message: error.message }] });
  }
});

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
