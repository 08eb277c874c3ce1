'use strict';
// esbuild plugins of the packaging build (serverless-esbuild's `custom.esbuild.plugins`, from
// serverless.base.yml). Source maps are kept out of the Lambda zips and off the cold path
// (docs/adr/0022): esbuild writes each bundle's map beside it (`sourcemap: external`, so the bundle
// names no map), and this plugin moves it, before the zips are made, to `.serverless/source-maps/`
// next to the zips it belongs to (with `--package <folder>` the Framework moves `.serverless/`
// there, maps included): the release keeps them with its artifacts, for symbolicating a stack trace.
//
// The AWS SDK's schema modules are made tree-shakable (`sdkSchemasTreeShakable`): a function
// bundles the shapes of the operations it calls, not every operation of the service. So are the
// declarations of the workspace's side-effect-free packages (`workspaceDeclarationsPure`): a
// function bundles, and builds at init, the schemas it uses, not every schema of their modules.
// Unlike the source maps, these change what a bundle holds, so the local platform's bundles and
// `pnpm bench:functions` (floor included) build with them too (`bundleContentPlugins`).
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync } = require('node:fs');
const path = require('node:path');

const sourceMapsOutOfTheZip = (serverless) => ({
  name: 'emporium-source-maps-out-of-the-zip',
  setup(build) {
    const { outdir } = build.initialOptions;
    if (!outdir) return;
    const serviceDir = serverless?.serviceDir ?? process.cwd();
    // Where the Framework writes the zips; never the --package folder itself, which it replaces.
    const packageDir = path.join(serviceDir, '.serverless');
    // serverless-esbuild builds into <service>/.esbuild/.build/<entry's folder>: keep that folder.
    const buildRoot = path.join(serviceDir, '.esbuild', '.build');
    build.onEnd(() => {
      const relative = path.relative(buildRoot, outdir);
      const target = path.join(packageDir, 'source-maps', relative.startsWith('..') ? '' : relative);
      let names;
      try {
        names = readdirSync(outdir).filter((name) => name.endsWith('.map'));
      } catch {
        return;
      }
      if (names.length === 0) return;
      mkdirSync(target, { recursive: true });
      for (const name of names) {
        try {
          renameSync(path.join(outdir, name), path.join(target, name));
        } catch (error) {
          // Builds of the same folder run at once: another one may have moved it already.
          if (error.code !== 'ENOENT') throw error;
        }
      }
    });
  },
});

/** A generated schema module of an AWS SDK v3 client (`dist-es/schemas/schemas_0.js`, nested clients' too). */
const SDK_SCHEMAS = /[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:.*[\\/])?schemas[\\/]schemas_\d+\.js$/;
/** `const _hE = "httpError";`: the generated modules' string constants, one per line. */
const STRING_CONSTANT = /^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm;
/** A computed object key naming one of them, `{ [_hE]: 400 }` or `, [_hE]: 400`. */
const COMPUTED_KEY = /([{,]\s*)\[(_\w+)\]:/g;

/**
 * The SDK's schema modules (aws-sdk-js-v3 >= 3.9xx) declare every shape of a service as
 * `export var X$ = [...]`, with traits as computed keys of module constants (`{ [_hE]: 400 }`).
 * esbuild cannot prove a computed key free of side effects, so it keeps every such declaration, and
 * with the operations they reference the whole module: 36 KB of API Gateway's shapes for the 7
 * operations developers calls, 78 KB with SSM (aws/aws-sdk-js-v3#7607, open). Writing each key as
 * the string its constant holds is the same object, and leaves esbuild free to drop what no
 * command uses. Only keys whose constant is a string literal of the same module are rewritten.
 */
const makeTreeShakable = (source) => {
  const constants = new Map([...source.matchAll(STRING_CONSTANT)].map(([, name, literal]) => [name, literal]));
  return source.replace(COMPUTED_KEY, (whole, before, name) => (constants.has(name) ? `${before}${constants.get(name)}:` : whole));
};

const sdkSchemasTreeShakable = {
  name: 'emporium-sdk-schemas-tree-shakable',
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMAS }, (args) => ({ contents: makeTreeShakable(readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

/**
 * A workspace package that declares `"sideEffects": false` (the contracts, @emporium/common, the
 * services) says that loading its modules does nothing but define values. Webpack reads that as
 * leave to drop any top-level statement whose value is unused; esbuild only drops whole modules, and keeps every
 * `const x = f(...)` of a module it bundles, because it cannot see across modules that `f` (zod's
 * builders, `withMeta`, `defineProblem`) has no side effects: `@__NO_SIDE_EFFECTS__` on a function
 * only counts inside its own file (evanw/esbuild#4369, open). Nor does `/* @__PURE__ *\/` on the call
 * suffice when an argument reads a property (`errorClass(PROBLEMS.NOT_FOUND)`, `{ ...reserveStock }`):
 * a getter could run there, so esbuild keeps the statement (evanw/esbuild#2010). So a function
 * bundled, and built at init, every schema, route and error class of the modules it imports.
 *
 * In those packages only, this transform (docs/adr/0022):
 * - writes the initializer of each top-level declaration that calls, constructs or reads a property
 *   as a pure call of an arrow function returning it, `/* @__PURE__ *\/ (() => (...))()`, and each
 *   top-level class whose `extends` does so as a constant holding such a call. esbuild drops such a
 *   declaration when nothing uses it, as webpack would, and writes the arrow's body back in its
 *   place when something does: a kept declaration is printed as it was written. Functions are left alone;
 * - writes each use of the imported `DOCS` (@emporium/common/contract/docs) as the expression that
 *   defines it. esbuild folds the build's `define` into it where it stands, so `DOCS && productSchema`
 *   is `false` before tree shaking, not after, and what only documentation uses leaves the bundle.
 *   An imported constant is inlined only when the bundle is printed, too late to drop anything.
 * Both keep the module's meaning. A source map's columns after an edit on its line shift by its length.
 * A module of such a package that runs a statement at the top level, or imports a module for its
 * effects, breaks the package's word, and its build fails (`declarationOffences`).
 */
const PURE_OPEN = '/* @__PURE__ */ (() => (';
const PURE_CLOSE = '))()';
/** What `DOCS` is (packages/common/src/contract/docs.ts; a test holds the two together). */
const DOCS_EXPRESSION = 'globalThis.EMPORIUM_DOCS !== false';
/** Where `DOCS` is imported from: `@emporium/common/contract/meta` or `/docs`, or `./meta` inside that folder. */
const DOCS_MODULE = /(?:^|\/)contract\/(?:meta|docs)$|^\.\/(?:meta|docs)$/;

/**
 * Whether evaluating `node` at load time may run code esbuild cannot prove harmless (a call, a
 * `new`, a property read, a spread), looking past function bodies, which do not run then. An
 * `await` says no: it cannot move into an arrow function.
 */
const runsSomething = (ts, node) => {
  let runs = false;
  let awaits = false;
  const visit = (child) => {
    if (ts.isFunctionLike(child) && !ts.isClassLike(child)) return;
    if (ts.isAwaitExpression(child)) awaits = true;
    if (
      ts.isCallExpression(child) ||
      ts.isNewExpression(child) ||
      ts.isTaggedTemplateExpression(child) ||
      ts.isPropertyAccessExpression(child) ||
      ts.isElementAccessExpression(child) ||
      ts.isSpreadElement(child) ||
      ts.isSpreadAssignment(child)
    )
      runs = true;
    ts.forEachChild(child, visit);
  };
  visit(node);
  return runs && !awaits;
};

/** A top-level `[export] class X extends <something that runs> { ... }` that can be written as a constant. */
const isComputedClass = (ts, statement) =>
  ts.isClassDeclaration(statement) &&
  statement.name !== undefined &&
  (statement.modifiers ?? []).every((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) &&
  (statement.heritageClauses ?? []).some(
    (clause) => clause.token === ts.SyntaxKind.ExtendsKeyword && clause.types.some((type) => runsSomething(ts, type.expression)),
  );

/** The edits, last first (a replacement before an insertion at its start): pure wrappers; DOCS written out. */
const declarationEdits = (ts, sourceFile) => {
  const edits = [];
  const insert = (at, text) => edits.push({ start: at, end: at, text });
  const docsNames = new Set();
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const { initializer } of statement.declarationList.declarations) {
        if (!initializer || !runsSomething(ts, initializer)) continue;
        insert(initializer.getStart(sourceFile), PURE_OPEN);
        insert(initializer.getEnd(), PURE_CLOSE);
      }
    } else if (isComputedClass(ts, statement)) {
      const modifiers = statement.modifiers ?? [];
      const classKeyword = modifiers.length > 0 ? ts.skipTrivia(sourceFile.text, modifiers[modifiers.length - 1].getEnd()) : statement.getStart(sourceFile);
      insert(classKeyword, `const ${statement.name.text} = ${PURE_OPEN}`);
      insert(statement.getEnd(), `${PURE_CLOSE};`);
    } else if (ts.isImportDeclaration(statement) && DOCS_MODULE.test(statement.moduleSpecifier.text)) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings) && !statement.importClause.isTypeOnly) {
        for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === 'DOCS') docsNames.add(element.name.text);
      }
    }
  }
  const writeDocsOut = (node) => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isShorthandPropertyAssignment(node) && docsNames.has(node.name.text)) {
      edits.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: `${node.name.text}: (${DOCS_EXPRESSION})` });
      return;
    }
    const declared = (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isBindingElement(node)) && node.name;
    if (declared && ts.isIdentifier(declared) && docsNames.has(declared.text)) {
      throw new Error(`${sourceFile.fileName}: a local ${declared.text} hides the imported DOCS; give it another name`);
    }
    if (ts.isIdentifier(node) && docsNames.has(node.text) && isReference(ts, node)) {
      edits.push({ start: node.getStart(sourceFile), end: node.getEnd(), text: `(${DOCS_EXPRESSION})` });
    }
    ts.forEachChild(node, writeDocsOut);
  };
  if (docsNames.size > 0) writeDocsOut(sourceFile);
  return edits.sort((a, b) => b.start - a.start || b.end - a.end);
};

/** An identifier that reads a binding (not a property name, a declaration's name, a label or a type). */
const isReference = (ts, node) => {
  const parent = node.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) && parent.name === node) return false;
  if (
    (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent)) &&
    parent.name === node
  )
    return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isBindingElement(parent)) && parent.name === node)
    return false;
  if (ts.isExportSpecifier(parent) || ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent) || ts.isLabeledStatement(parent)) return false;
  return true;
};

/** The top-level statements of a module that run something (not declarations), and its imports for effects. */
const offencesIn = (ts, sourceFile) =>
  sourceFile.statements
    .filter((statement) => ts.isExpressionStatement(statement) || (ts.isImportDeclaration(statement) && !statement.importClause))
    .map(
      (statement) =>
        `${sourceFile.fileName}:${sourceFile.getLineAndCharacterOfPosition(statement.getStart(sourceFile)).line + 1}: ${statement.getText(sourceFile).slice(0, 80)}`,
    );

const parse = (source, fileName) => {
  const ts = require('typescript');
  return { ts, sourceFile: ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS) };
};

/** What in a module (TypeScript) of a `sideEffects: false` package breaks that word: `file:line: statement`. */
const declarationOffences = (source, fileName = 'module.ts') => {
  const { ts, sourceFile } = parse(source, fileName);
  return offencesIn(ts, sourceFile);
};

/** `source` (TypeScript) with its top-level declarations written droppable and `DOCS` written out. */
const makeDeclarationsDroppable = (source, fileName = 'module.ts') => {
  const { ts, sourceFile } = parse(source, fileName);
  const offences = offencesIn(ts, sourceFile);
  if (offences.length > 0) {
    throw new Error(`${offences.join('\n')}\nruns at load time, but its package declares "sideEffects": false: make it a declaration, or drop the flag`);
  }
  let out = source;
  for (const { start, end, text } of declarationEdits(ts, sourceFile)) out = `${out.slice(0, start)}${text}${out.slice(end)}`;
  return out;
};

/** Whether the workspace package holding `file` declares `"sideEffects": false` (node_modules excluded). */
const declaresNoSideEffects = (() => {
  const byDirectory = new Map();
  const packageOf = (directory) => {
    if (byDirectory.has(directory)) return byDirectory.get(directory);
    let found;
    try {
      found = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')).sideEffects === false;
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      const parent = path.dirname(directory);
      found = parent === directory ? false : packageOf(parent);
    }
    byDirectory.set(directory, found);
    return found;
  };
  return (file) => !/[\\/]node_modules[\\/]/.test(file) && packageOf(path.dirname(file));
})();

/** Packaging builds each function on its own: a module is transformed once per process and change. */
const transformed = new Map();
const transformedOnce = (file) => {
  const { mtimeMs, size } = statSync(file);
  const cached = transformed.get(file);
  if (cached?.mtimeMs === mtimeMs && cached.size === size) return cached.contents;
  const contents = makeDeclarationsDroppable(readFileSync(file, 'utf8'), file);
  transformed.set(file, { mtimeMs, size, contents });
  return contents;
};

const workspaceDeclarationsPure = {
  name: 'emporium-workspace-declarations-pure',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!declaresNoSideEffects(args.path)) return undefined;
      return { contents: transformedOnce(args.path), loader: 'ts' };
    });
  },
};

/** The plugins that change what a bundle holds: packaging, the local platform and the benchmark build with them. */
const bundleContentPlugins = () => [sdkSchemasTreeShakable, workspaceDeclarationsPure];

module.exports = (serverless) => [...bundleContentPlugins(), sourceMapsOutOfTheZip(serverless)];
module.exports.bundleContentPlugins = bundleContentPlugins;
module.exports.makeTreeShakable = makeTreeShakable;
module.exports.makeDeclarationsDroppable = makeDeclarationsDroppable;
module.exports.declarationOffences = declarationOffences;
module.exports.DOCS_EXPRESSION = DOCS_EXPRESSION;
