'use strict';
// Fault injection for the embedded DynamoDB engine (docs/adr/0020). The engine (dynalite) never
// conflicts or throttles, so the code paths that handle AWS's contention errors would never run
// locally. Rules make the engine's HTTP layer answer some calls the way DynamoDB does when it
// conflicts, throttles, fails or is slow, before dynalite sees them. Plain CommonJS: the engine's
// child process (engine-child.cjs) runs it as is; the platform imports it through
// fault-injection.d.cts for validation.

const { Readable } = require('node:stream');
const { randomBytes } = require('node:crypto');
const { crc32 } = require('node:zlib');

const FAULTS = ['TransactionConflict', 'ProvisionedThroughputExceeded', 'Throttling', 'InternalServerError', 'latency'];
/** Data-plane operations: what a rule without `operation` applies to (never table management). */
const OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'DeleteItem',
  'GetItem',
  'PutItem',
  'Query',
  'Scan',
  'TransactGetItems',
  'TransactWriteItems',
  'UpdateItem',
];
/** DynamoDB reports a transaction conflict only on these (reads outside transactions never conflict). */
const CONFLICT_OPERATIONS = ['DeleteItem', 'PutItem', 'UpdateItem', 'TransactGetItems', 'TransactWriteItems'];
const TRANSACTIONS = new Set(['TransactGetItems', 'TransactWriteItems']);
const RULE_KEYS = ['table', 'operation', 'fault', 'rate', 'latencyMs', 'count'];
const MAX_LATENCY_MS = 60_000;
const MAX_RULES = 100;

const ERROR_TYPE_PREFIX = 'com.amazonaws.dynamodb.v20120810#';
const CONFLICT_MESSAGE = 'Transaction is ongoing for the item';
/** DynamoDB's own words for each fault (as the AWS SDKs and issue reports quote them). */
const ERRORS = {
  TransactionConflict: { statusCode: 400, type: 'TransactionConflictException', message: CONFLICT_MESSAGE },
  ProvisionedThroughputExceeded: {
    statusCode: 400,
    type: 'ProvisionedThroughputExceededException',
    message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  },
  Throttling: {
    statusCode: 400,
    type: 'ThrottlingException',
    message:
      'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html',
  },
  InternalServerError: { statusCode: 500, type: 'InternalServerError', message: 'Internal server error' },
};

class FaultRulesError extends Error {
  constructor(errors) {
    super(`Invalid fault rules: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'FaultRulesError';
    this.errors = errors;
  }
}

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `orders-*` -> /^orders-.*$/; table names hold only [a-zA-Z0-9_.-], `*` is the only wildcard. */
const globToRegExp = (glob) =>
  new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.]/g, '\\.'))
      .join('.*')}$`,
  );

/**
 * Checks rules (an array, or `{ rules: [...] }`) and returns them normalised; throws
 * FaultRulesError listing every problem (`rules.<index>.<field>: what is wrong`).
 */
const validateFaultRules = (input) => {
  const list = isPlainObject(input) && Object.keys(input).length === 1 && 'rules' in input ? input.rules : input;
  if (!Array.isArray(list)) throw new FaultRulesError([{ path: 'rules', message: 'must be a list of rules (or { "rules": [...] })' }]);
  if (list.length > MAX_RULES) throw new FaultRulesError([{ path: 'rules', message: `at most ${MAX_RULES} rules` }]);
  const errors = [];
  const rules = list.map((rule, index) => {
    const at = (field) => `rules.${index}${field ? `.${field}` : ''}`;
    const problem = (field, message) => errors.push({ path: at(field), message });
    if (!isPlainObject(rule)) {
      problem('', 'must be an object: { table?, operation?, fault, rate, latencyMs?, count? }');
      return undefined;
    }
    for (const key of Object.keys(rule)) if (!RULE_KEYS.includes(key)) problem(key, `unknown field (known: ${RULE_KEYS.join(', ')})`);
    const { table, operation, fault, rate, latencyMs, count } = rule;
    if (!FAULTS.includes(fault)) problem('fault', `must be one of ${FAULTS.join(', ')}`);
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1)
      problem('rate', 'must be a number from 0 to 1 (the share of matching calls that get the fault)');
    if (table !== undefined && (typeof table !== 'string' || !/^[a-zA-Z0-9_.*-]{1,255}$/.test(table))) {
      problem('table', 'must be a table name or a glob with * (e.g. "orders-*")');
    }
    if (operation !== undefined) {
      if (!OPERATIONS.includes(operation)) problem('operation', `must be a DynamoDB data operation: ${OPERATIONS.join(', ')}`);
      else if (fault === 'TransactionConflict' && !CONFLICT_OPERATIONS.includes(operation)) {
        problem('operation', `DynamoDB raises a transaction conflict only on ${CONFLICT_OPERATIONS.join(', ')}`);
      }
    }
    if (latencyMs !== undefined && (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS)) {
      problem('latencyMs', `must be an integer from 0 to ${MAX_LATENCY_MS} (milliseconds)`);
    } else if (fault === 'latency' && !(latencyMs > 0)) {
      problem('latencyMs', 'a latency rule needs latencyMs (milliseconds, more than 0)');
    }
    if (count !== undefined && (!Number.isInteger(count) || count < 1))
      problem('count', 'must be a whole number of at least 1 (injections before the rule is spent)');
    return {
      ...(table !== undefined ? { table } : {}),
      ...(operation !== undefined ? { operation } : {}),
      fault,
      rate,
      ...(latencyMs !== undefined ? { latencyMs } : {}),
      ...(count !== undefined ? { count } : {}),
    };
  });
  if (errors.length > 0) throw new FaultRulesError(errors);
  return rules;
};

/** The tables a call names, each with the index of its action in a transaction. */
const tablesOf = (operation, body) => {
  if (TRANSACTIONS.has(operation)) {
    const items = Array.isArray(body.TransactItems) ? body.TransactItems : [];
    return items.map((item, index) => {
      const action = isPlainObject(item) ? (item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck ?? item.Get) : undefined;
      return { name: isPlainObject(action) ? action.TableName : undefined, index };
    });
  }
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    return isPlainObject(body.RequestItems) ? Object.keys(body.RequestItems).map((name) => ({ name })) : [];
  }
  return [{ name: body.TableName }];
};

/** DynamoDB's answer for one fault: status and JSON body (AWS JSON 1.0 protocol). */
const faultResponse = (fault, operation, body, actionIndex) => {
  if (fault === 'TransactionConflict' && TRANSACTIONS.has(operation)) {
    const count = Array.isArray(body.TransactItems) ? body.TransactItems.length : 1;
    const at = Math.min(actionIndex ?? 0, count - 1);
    const reasons = Array.from({ length: count }, (_, index) => (index === at ? { Code: 'TransactionConflict', Message: CONFLICT_MESSAGE } : { Code: 'None' }));
    const message = `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`;
    return { statusCode: 400, body: { __type: `${ERROR_TYPE_PREFIX}TransactionCanceledException`, Message: message, CancellationReasons: reasons } };
  }
  const error = ERRORS[fault];
  return { statusCode: error.statusCode, body: { __type: ERROR_TYPE_PREFIX + error.type, message: error.message } };
};

/**
 * The rules in force and their counters. `decide` is called once per matching call: every latency
 * rule that fires adds its delay; the first error rule that fires answers the call. A rule fires
 * with probability `rate`; one with `count` is spent after that many injections.
 */
const createFaultInjector = (options = {}) => {
  const random = options.random ?? Math.random;
  let rules = [];
  const injector = {
    /** Some unspent rule exists: the HTTP layer looks at calls only then (the fast path otherwise). */
    live: false,
    set(input) {
      rules = validateFaultRules(input).map((rule) => ({ rule, injected: 0, tableRegExp: rule.table ? globToRegExp(rule.table) : undefined }));
      injector.live = rules.length > 0;
      return injector.state();
    },
    clear() {
      return injector.set([]);
    },
    state() {
      const listed = rules.map(({ rule, injected }) => ({ ...rule, injected, spent: rule.count !== undefined && injected >= rule.count }));
      return { rules: listed, injected: listed.reduce((sum, r) => sum + r.injected, 0) };
    },
    /** Cheap check on the operation alone, before the body is read. */
    couldMatch(operation) {
      return rules.some((entry) => applies(entry, operation));
    },
    /** What to do with one call: `undefined` (nothing), or a delay and/or an error answer. */
    decide(operation, body) {
      let delayMs = 0;
      let response;
      const tables = tablesOf(operation, body);
      for (const entry of rules) {
        if (!applies(entry, operation)) continue;
        let actionIndex;
        if (entry.tableRegExp) {
          const named = tables.find((t) => typeof t.name === 'string' && entry.tableRegExp.test(t.name));
          if (!named) continue;
          actionIndex = named.index;
        }
        if (!(random() < entry.rule.rate)) continue;
        entry.injected += 1;
        if (entry.rule.count !== undefined && entry.injected >= entry.rule.count) injector.live = rules.some((e) => !spent(e));
        delayMs += entry.rule.latencyMs ?? 0;
        if (entry.rule.fault !== 'latency') {
          response = faultResponse(entry.rule.fault, operation, body, actionIndex);
          break;
        }
      }
      return delayMs > 0 || response ? { delayMs, ...(response ? { response } : {}) } : undefined;
    },
  };
  return injector;
};

const spent = (entry) => entry.rule.count !== undefined && entry.injected >= entry.rule.count;

const applies = (entry, operation) => {
  if (spent(entry)) return false;
  const { rule } = entry;
  if (rule.operation !== undefined ? rule.operation !== operation : !OPERATIONS.includes(operation)) return false;
  return rule.fault !== 'TransactionConflict' || CONFLICT_OPERATIONS.includes(operation);
};

/** `DynamoDB_20120810.PutItem` -> `PutItem`. */
const operationOf = (target) => (typeof target === 'string' ? target.slice(target.indexOf('.') + 1) : '');

const sendFault = (req, res, { statusCode, body }) => {
  const text = JSON.stringify(body);
  res.statusCode = statusCode;
  res.setHeader('x-amzn-RequestId', randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0'));
  res.setHeader('x-amz-crc32', String(crc32(text)));
  res.setHeader('Content-Type', (req.headers['content-type'] ?? '').split(';')[0].trim() || 'application/x-amz-json-1.0');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
};

/** A request whose body was read already, handed on with the same bytes. */
const replayOf = (req, raw) => {
  const copy = Readable.from(raw.length > 0 ? [raw] : []);
  copy.headers = req.headers;
  copy.method = req.method;
  copy.url = req.url;
  return copy;
};

/**
 * Wraps dynalite's request listener. With no live rule a call goes straight through (one property
 * read); otherwise calls whose operation some rule covers are read, matched and answered with the
 * fault, delayed, or passed on unchanged.
 */
const wrapRequestListener = (listener, injector) =>
  function faultInjectingListener(req, res) {
    if (!injector.live) return listener(req, res);
    const operation = operationOf(req.headers['x-amz-target']);
    if (!injector.couldMatch(operation)) return listener(req, res);
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined; // dynalite answers a malformed request itself
      }
      const decision = isPlainObject(body) ? injector.decide(operation, body) : undefined;
      const answer = () => (decision?.response ? sendFault(req, res, decision.response) : listener(replayOf(req, raw), res));
      if (decision?.delayMs) setTimeout(answer, decision.delayMs);
      else answer();
    });
    return undefined;
  };

module.exports = {
  FAULTS,
  OPERATIONS,
  CONFLICT_OPERATIONS,
  FaultRulesError,
  validateFaultRules,
  createFaultInjector,
  faultResponse,
  wrapRequestListener,
};
