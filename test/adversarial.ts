// Pathological inputs for the parser, by family: unbalanced and deeply nested brackets, braces, quotes,
// fences, backticks and containers, plus ordinary text that happens to hit them (a transcript saved as
// one long paragraph). Shared by the scaling tests and `npm run bench` (worst_case_mb_per_s).

/** Repeats `unit` (a string or a function of the repetition index) until the text is at least `bytes` long. */
function repeat(bytes: number, unit: string | ((i: number) => string)): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const piece = typeof unit === 'string' ? unit : unit(i);
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('');
}

/** `opening` × n, then `middle`, then `closing` × n, with n chosen to fill `bytes`. */
function nested(bytes: number, opening: string, middle: string, closing: string): string {
  const n = Math.max(1, Math.floor(bytes / (opening.length + closing.length)));
  return opening.repeat(n) + middle + closing.repeat(n);
}

const TRANSCRIPT_LINES = [
  'R: we looked at the [inaudible numbers from the district',
  'I: and the [sic programme was then',
  'R: [pause] the interval was [0, 1) for most schools',
  'R: the coaches [laughs] came in every week',
  'I: so the data [unclear',
];

export const ADVERSARIAL_FAMILIES: Record<string, (bytes: number) => string> = {
  'unclosed brackets': (bytes) => '['.repeat(bytes),
  'words with unclosed brackets': (bytes) => repeat(bytes, 'a [b '),
  'transcript as one paragraph': (bytes) => repeat(bytes, (i) => TRANSCRIPT_LINES[i % TRANSCRIPT_LINES.length] + '\n'),
  'closing brackets': (bytes) => ']'.repeat(bytes),
  'nested tagged spans': (bytes) => nested(bytes, '[', 'x', ']{evidence=research}'),
  'nested links': (bytes) => nested(bytes, '[', 'a', '](u)'),
  'nested images and notes': (bytes) => nested(bytes, '![^[', 'a', ']](u)'),
  'unclosed div openers': (bytes) => repeat(bytes, '::: {evidence=research}\nsome text\n\n'),
  'nested closed divs': (bytes) => nested(bytes, '::: {evidence=research}\n', 'x\n', ':::\n'),
  'deep block quotes': (bytes) => '> '.repeat(bytes / 2) + 'x\n',
  'deep block quotes over many lines': (bytes) => repeat(bytes, (i) => '> '.repeat(40) + `line ${i}\n`),
  'deep lists': (bytes) => '- '.repeat(bytes / 2) + 'x\n',
  'indented list ladder': (bytes) => repeat(bytes, (i) => ' '.repeat((i % 200) * 2) + '- item\n'),
  'unclosed code fences': (bytes) => repeat(bytes, (i) => '`'.repeat(3 + (i % 50)) + 'a\n\n'),
  'backtick runs of growing length': (bytes) => repeat(bytes, (i) => '`'.repeat(1 + (i % 300)) + ' x '),
  'unclosed HTML comments': (bytes) => repeat(bytes, '<!-- a [b]{evidence=research} '),
  'unclosed HTML attributes': (bytes) => repeat(bytes, '<a href="x [y '),
  'unbalanced TeX braces': (bytes) => repeat(bytes, '\\emph{[a '),
  'unclosed TeX environments': (bytes) => repeat(bytes, '\\begin{x} [a '),
  'dollar signs': (bytes) => repeat(bytes, '$a [b '),
  'carets without spaces': (bytes) => repeat(bytes, '^a[b'),
  'stray attribute blocks': (bytes) => repeat(bytes, ']{evidence="research '),
  'unclosed quoted attributes': (bytes) => repeat(bytes, '[a]{evidence="x [b '),
  'attribute lists wrapped in block quotes': (bytes) => repeat(bytes, (i) => `> [a]{evidence=research\n> note="x\n>   y${i % 3 ? '"}' : ''} b [c\n`),
  'link titles never closed': (bytes) => repeat(bytes, '[a](u (x [b '),
  'unclosed metadata blocks': (bytes) => repeat(bytes, '---\ntitle: x [a]{evidence=research}\n\n'),
  'footnote definitions nested': (bytes) => repeat(bytes, (i) => '    '.repeat(i % 40) + '[^n' + i + ']: [a]{evidence=research}\n'),
  'pipes and tables': (bytes) => repeat(bytes, '| [a | b]{evidence=research} |\n|---|---|\n'),
  'mixed specials': (bytes) => {
    const pieces = ['[', ']', '{', '}', '`', '$', '<', '>', '!', '^', '\\', '"', "'", '(', ')', ':::', '\n', ' ', 'a', '-', '=', '#', '|', '~'];
    let seed = 7;
    return repeat(bytes, () => pieces[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % pieces.length]);
  },
};
