import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

export interface CommandRoute {
  /** `/api/projects/{projectId}/risks`, path parameters in braces as in OpenAPI. */
  readonly path: string;
  /** The @HttpCode of the handler; undefined when it has none (Nest's default, 201 for POST). */
  readonly status: number | undefined;
}

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return controllerFiles(path);
    return entry.name.endsWith('.controller.ts') ? [path] : [];
  });
}

/** The decorator named `name` among `node`'s, with its first argument if a literal. */
function decorator(
  node: ts.HasDecorators,
  name: string,
): { readonly argument: string | number | undefined } | undefined {
  for (const item of ts.getDecorators(node) ?? []) {
    const call = item.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) continue;
    if (call.expression.text !== name) continue;
    const [first] = call.arguments;
    if (first === undefined) return { argument: undefined };
    if (ts.isStringLiteral(first)) return { argument: first.text };
    if (ts.isNumericLiteral(first)) return { argument: Number(first.text) };
    return { argument: undefined };
  }
  return undefined;
}

/**
 * Every POST route of the api's controllers with its declared status, read from the sources with
 * the TypeScript parser, so that the README's list of routes answering 201 can be checked.
 */
export function commandRoutes(root: string): CommandRoute[] {
  const routes: CommandRoute[] = [];
  for (const file of controllerFiles(join(root, 'apps', 'api', 'src'))) {
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    source.forEachChild((node) => {
      if (!ts.isClassDeclaration(node)) return;
      const controller = decorator(node, 'Controller');
      if (!controller) return;
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        const post = decorator(member, 'Post');
        if (!post) continue;
        const status = decorator(member, 'HttpCode')?.argument;
        const parts = [controller.argument, post.argument].filter(
          (part): part is string => typeof part === 'string' && part.length > 0,
        );
        const path = `/${parts.join('/')}`.replace(/:([A-Za-z]+)/g, '{$1}');
        routes.push({ path, status: typeof status === 'number' ? status : undefined });
      }
    });
  }
  return routes;
}
