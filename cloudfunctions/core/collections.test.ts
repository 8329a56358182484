// Every collection the code names is in the deploy list, so the set-up script creates it (with its
// permission) before a function first writes there — CloudBase does not create collections on write.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { COLLECTION_NAMES, COLLECTIONS } from './collections';
import { GEO_INDEXES, INDEXES } from './indexes';

const root = path.resolve(__dirname, '../..');

/** Source that runs against a database: the functions, and the local engine's own seeding and storage. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'database' ? [] : sourceFiles(p); // the engine itself: generic names
    return /\.ts$/.test(d.name) && !/\.test\.ts$|\.d\.ts$/.test(d.name) ? [p] : [];
  });
}

interface Use {
  file: string;
  line: number;
  arg: ts.Expression;
}

/**
 * Collection names as the code passes them: the argument of every `.collection(…)` call, and of every call to a
 * helper whose parameter is named `collection` (findById, txGet, …). String constants are resolved by name.
 */
function collectionUses(files: string[]) {
  const parsed = files.map((file) =>
    ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true),
  );
  const constants = new Map<string, string>();
  const helpers = new Map<string, number>(); // function name → index of its `collection` parameter
  const visitDecls = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) constants.set(node.name.text, node.initializer.text);
    }
    if (ts.isFunctionDeclaration(node) && node.name) {
      const i = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === 'collection');
      if (i >= 0) helpers.set(node.name.text, i);
    }
    ts.forEachChild(node, visitDecls);
  };
  parsed.forEach(visitDecls);

  const uses: Use[] = [];
  for (const sf of parsed) {
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        let index = -1;
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'collection') index = 0;
        else if (ts.isIdentifier(callee) && helpers.has(callee.text)) index = helpers.get(callee.text)!;
        const arg = index >= 0 ? node.arguments[index] : undefined;
        if (arg) {
          const { line } = sf.getLineAndCharacterOfPosition(arg.getStart());
          uses.push({ file: path.relative(root, sf.fileName), line: line + 1, arg });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { uses, constants };
}

describe('COLLECTIONS (the deploy list)', () => {
  const files = [...sourceFiles(path.join(root, 'cloudfunctions')), ...sourceFiles(path.join(root, 'local-engine'))];
  const { uses, constants } = collectionUses(files);

  it('finds the collection uses it checks (the scan itself works)', () => {
    expect(uses.length).toBeGreaterThan(20);
  });

  it('holds every collection name the code uses', () => {
    const missing: string[] = [];
    const unresolved: string[] = [];
    for (const { file, line, arg } of uses) {
      let name: string | undefined;
      if (ts.isStringLiteral(arg)) name = arg.text;
      else if (ts.isIdentifier(arg) && /^[A-Z][A-Z0-9_]*$/.test(arg.text)) {
        name = constants.get(arg.text);
        if (name === undefined) unresolved.push(`${file}:${line} ${arg.text}`);
      } else if (ts.isIdentifier(arg))
        continue; // a variable passed through: its callers are checked
      else unresolved.push(`${file}:${line} ${arg.getText()}`);
      if (name !== undefined && !COLLECTION_NAMES.includes(name)) missing.push(`${file}:${line} '${name}'`);
    }
    expect(unresolved).toEqual([]);
    expect(missing).toEqual([]);
  });

  it('declares each collection once, with "functions only" permission', () => {
    expect(new Set(COLLECTION_NAMES).size).toBe(COLLECTION_NAMES.length);
    for (const c of COLLECTIONS) expect(c.acl).toBe('ADMINONLY');
  });

  it('carries the same indexes the local engine creates (indexes.ts), for declared collections only', () => {
    for (const name of [...Object.keys(INDEXES), ...Object.keys(GEO_INDEXES)]) expect(COLLECTION_NAMES).toContain(name);
    for (const c of COLLECTIONS) {
      expect(c.indexes).toEqual(INDEXES[c.name] ?? []);
      expect(c.geo).toEqual(GEO_INDEXES[c.name] ?? []);
    }
  });
});
