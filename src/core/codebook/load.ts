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

  // A BOM (Notepad writes one) is whitespace to us; replaced, not removed, so offsets stay right.
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1);
  const tooDeep = nestingBeyond(text, MAX_JSON_DEPTH);
  if (tooDeep !== -1) return { ok: false, errors: [locate(`the JSON is nested deeper than ${MAX_JSON_DEPTH} levels; a codebook needs a handful`, [], tooDeep, 1)] };
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

const MAX_JSON_DEPTH = 64;

/** Offset of the first `{` or `[` deeper than `limit` outside strings and comments, or -1 (the JSON parser recurses). */
function nestingBeyond(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
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

