// Runs pandoc 3 on a document and lists its spans and divs (pre-order), the reference for the parser.
export interface OracleElement {
  kind: 'span' | 'div';
  id: string;
  classes: string[];
  pairs: [string, string][];
  /** Letters and digits of the content, for comparing what is inside without pandoc's normalisation. */
  letters: string;
}

type Json = { t?: string; c?: unknown } | Json[] | string | number | null;

type Convert = (options: object, stdin: string, files: object) => Promise<{ stdout: string; stderr: string }>;
let convertPromise: Promise<Convert> | undefined;

/** Pandoc 3 (the npm package pandoc-wasm, pandoc compiled to WebAssembly), loaded once per test run. */
function pandoc(): Promise<Convert> {
  // A real dynamic import (the package is ESM with top-level await), not one rewritten to require().
  const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ convert: Convert }>;
  convertPromise ??= importEsm('pandoc-wasm').then((module) => module.convert);
  return convertPromise;
}

export async function pandocVersion(): Promise<string> {
  const convert = await pandoc();
  return JSON.parse((await convert({ from: 'markdown', to: 'json' }, '', {})).stdout)['pandoc-api-version'].join('.');
}

export async function pandocElements(markdown: string): Promise<OracleElement[]> {
  const convert = await pandoc();
  const { stdout, stderr } = await convert({ from: 'markdown', to: 'json' }, markdown, {});
  if (!stdout) throw new Error(`pandoc-wasm produced no output: ${stderr}`);
  const found: OracleElement[] = [];
  walk(JSON.parse(stdout).blocks, found);
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
