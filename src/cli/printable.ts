// Text from documents and file names, made safe to print on a terminal: control characters (escape
// sequences, carriage returns, a newline inside a file name) are shown escaped, never interpreted.
// JSON output needs none of this: JSON.stringify escapes them already.

/** C0 controls except tab, DEL, and C1 controls (U+0080–U+009F, which some terminals obey too). */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/** White space folded to single spaces, cut to `max` characters with an ellipsis: one line of a listing. */
export function oneLine(text: string, max = 80): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}
