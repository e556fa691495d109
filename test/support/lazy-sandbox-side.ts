import ts from 'typescript-5';

/**
 * The one import allowed to run up the floors and to close a loop: a provider's definition naming its own sandbox
 * side lazily, `sandbox: async () => (await import('./<name>-sandbox-side.js')).…`. The engine never calls it (only
 * `precheck/sandbox` does), so the engine never loads a fake. It counts only as an `import()` expression: a static
 * import of the side from the definition is a breach like any other. `from` and `to` are paths ending in
 * `src/providers/<name>/…`; `code` gives the source of `from` (read only when the paths match).
 */
export function isLazySandboxSide(from: string, to: string, code: () => string): boolean {
  const match = /(?:^|\/)src\/providers\/([^/]+)\/\1-definition\.ts$/.exec(from.split('\\').join('/'));
  if (!match || !to.split('\\').join('/').endsWith(`src/providers/${match[1]}/${match[1]}-sandbox-side.ts`)) return false;
  const specifier = `./${match[1]}-sandbox-side.js`;
  const source = ts.createSourceFile('definition.ts', code(), ts.ScriptTarget.Latest, true);
  let lazy = false;
  let eager = false;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument) && argument.text === specifier) lazy = true;
    } else if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      if (node.moduleSpecifier.text === specifier) eager = true;
    } else if (ts.isImportTypeNode(node)) {
      eager = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lazy && !eager;
}
