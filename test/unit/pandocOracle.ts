// Runs pandoc on a document and lists its spans and divs (pre-order), the reference for the parser.
import { execFileSync } from 'node:child_process';

export interface OracleElement {
  kind: 'span' | 'div';
  id: string;
  classes: string[];
  pairs: [string, string][];
  /** Letters and digits of the content, for comparing what is inside without pandoc's normalisation. */
  letters: string;
}

type Json = { t?: string; c?: unknown } | Json[] | string | number | null;

export function pandocAvailable(): boolean {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function pandocElements(markdown: string): OracleElement[] {
  const output = execFileSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8' });
  const found: OracleElement[] = [];
  walk(JSON.parse(output).blocks, found);
  return found;
}

export const lettersOf = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

function walk(node: Json, found: OracleElement[]): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, found);
    return;
  }
  if (!node || typeof node !== 'object') return;
  if (node.t === 'Span' || node.t === 'Div') {
    const [[id, classes, pairs], content] = node.c as [[string, string[], [string, string][]], Json];
    found.push({ kind: node.t === 'Span' ? 'span' : 'div', id, classes, pairs, letters: lettersOf(plain(content)) });
    walk(content, found);
    return;
  }
  if (node.c !== undefined) walk(node.c as Json, found);
}

function plain(node: Json): string {
  if (Array.isArray(node)) return node.map(plain).join('');
  if (!node || typeof node !== 'object') return '';
  switch (node.t) {
    case 'Str':
      return node.c as string;
    case 'Code':
      return (node.c as [unknown, string])[1];
    case 'Math':
      return (node.c as [unknown, string])[1];
    case 'RawInline':
      return (node.c as [unknown, string])[1];
    case 'CodeBlock':
      return (node.c as [unknown, string])[1];
    case 'Link':
    case 'Image': {
      const [, inlines, [url]] = node.c as [unknown, Json, [string, string]];
      return plain(inlines) + url;
    }
    default:
      return node.c === undefined ? '' : plain(node.c as Json);
  }
}
