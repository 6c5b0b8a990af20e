// CSV: one row per passage × tag, RFC 4180, safe to open in a spreadsheet.
import { CodebookLookup } from '../codebook/lookup';
import { plainDocument, tagsOf, type ExportInput } from './model';

export const CSV_COLUMNS = ['file', 'line', 'column', 'kind', 'dimension', 'tag', 'label', 'note', 'text'] as const;

/**
 * A cell that a spreadsheet would read as a formula (= + - @ after any leading spaces, or a leading tab,
 * CR or LF) gets a leading apostrophe, the OWASP-recommended neutralisation; then RFC 4180 quoting.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[\t\r\n]|^[ \u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportCsv(input: ExportInput, options: { bom?: boolean } = {}): string {
  const lookup = new CodebookLookup(input.codebook);
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const { file, parsed } of input.documents) {
    const plain = plainDocument(parsed);
    for (const passage of parsed.passages) {
      const at = parsed.lines.positionAt(passage.start);
      const text = plain.text.slice(plain.toPlain(passage.contentStart), plain.toPlain(passage.contentEnd));
      for (const ref of tagsOf(passage, lookup)) {
        rows.push([file, at.line + 1, at.character + 1, passage.kind, ref.dimension, ref.tag, ref.label, passage.note ?? '', text].map(csvCell).join(','));
      }
    }
  }
  return (options.bom ? '\ufeff' : '') + rows.join('\r\n') + '\r\n';
}
