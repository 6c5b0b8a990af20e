// Reads a codebook file: JSON (comments allowed) → zod → a codebook, or errors located in the file.
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { codebookSchema, type Codebook } from './schema';
import { LineIndex } from '../text';

export interface CodebookError {
  message: string;
  /** JSON path of the offending value, e.g. ["dimensions", 0, "tags", 2, "id"]. */
  path: (string | number)[];
  offset: number;
  length: number;
  line: number;
  character: number;
}

export type CodebookLoadResult = { ok: true; codebook: Codebook } | { ok: false; errors: CodebookError[] };

export function loadCodebook(text: string): CodebookLoadResult {
  const lines = new LineIndex(text);
  const locate = (message: string, path: (string | number)[], offset: number, length: number): CodebookError => {
    const { line, character } = lines.positionAt(offset);
    return { message, path, offset, length, line, character };
  };

  const syntaxErrors: ParseError[] = [];
  const root = parseTree(text, syntaxErrors, { allowTrailingComma: true, disallowComments: false });
  if (syntaxErrors.length > 0 || !root) {
    const errors = syntaxErrors.map((e) => locate(`JSON syntax: ${printParseErrorCode(e.error)}`, [], e.offset, Math.max(1, e.length)));
    return { ok: false, errors: errors.length ? errors : [locate('the file is empty', [], 0, 0)] };
  }

  const result = codebookSchema.safeParse(nodeValue(root));
  if (result.success) return { ok: true, codebook: result.data };

  const errors = result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // An unknown key is shown at its name; anything else at its value, or at the nearest object that exists.
    const unknownKey = issue.code === 'unrecognized_keys' ? findNodeAtLocation(root, [...path, issue.keys[0]])?.parent?.children?.[0] : undefined;
    const at = unknownKey ?? deepestNode(root, path);
    const where = path.length ? `${path.join('.')}: ` : '';
    return locate(`${where}${issue.message}`, path, at?.offset ?? 0, at?.length ?? 1);
  });
  return { ok: false, errors };
}

/** The node at path, or the nearest ancestor that exists (a missing key is reported on its object). */
function deepestNode(root: Node, path: (string | number)[]): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return node;
  }
  return root;
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children![0].value as string, p.children![1] ? nodeValue(p.children![1]) : undefined]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

