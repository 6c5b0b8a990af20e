// A self-contained HTML report: tally, the evidence × use matrix as an SVG heatmap, coverage per document,
// and every passage grouped by tag. No scripts, no remote content; prints well.
import { CodebookLookup } from '../codebook/lookup';
import { plainDocument, tagsOf, tallyOf, type ExportInput } from './model';

export interface HtmlOptions {
  /** Link to a file at a line (1-based); defaults to the path itself. */
  linkTo?: (file: string, line: number) => string;
}

/** Text made safe for HTML content and quoted attribute values. */
export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function exportHtml(input: ExportInput, options: HtmlOptions = {}): string {
  const lookup = new CodebookLookup(input.codebook);
  const tally = tallyOf(input);
  const linkTo = options.linkTo ?? ((file: string) => relativeHref(file));
  const generated = (input.generated ?? new Date()).toISOString().slice(0, 16).replace('T', ' ');
  const out: string[] = [];
  out.push(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.projectName ?? 'Evidence Tagger report')}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2733;margin:2rem auto;max-width:62rem;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #dde3ea;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0 1rem}th,td{padding:.25rem .7rem;text-align:left;border-bottom:1px solid #e5e9ef}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#5b6775}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.4em;vertical-align:baseline}
blockquote{margin:.4rem 0 .9rem;padding:.4rem .8rem;border-left:4px solid #c8d1dc;background:#f6f8fa}
.note{font-style:italic;color:#43505e}.where{font-size:.85em}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}blockquote,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
</style></head><body>`);
  out.push(`<h1>${escapeHtml(input.projectName ?? 'Evidence Tagger report')}</h1>`);
  out.push(`<p class="muted">${tally.files} document${tally.files === 1 ? '' : 's'}, ${tally.passages} tagged passage${tally.passages === 1 ? '' : 's'}, ${percent(tally.coverage.coverage)} of the prose tagged. Codebook: ${escapeHtml(input.codebook.name)}. Generated ${escapeHtml(generated)} UTC.</p>`);

  out.push('<h2>Tally</h2>');
  for (const dimension of tally.dimensions) {
    const colours = new Map(input.codebook.dimensions.find((d) => d.id === dimension.id)?.tags.map((t) => [t.id, lookup.colourOf(dimension.id, t.id)?.light]) ?? []);
    out.push(`<h3>${escapeHtml(dimension.label)}</h3><table><thead><tr><th>Tag</th><th class="n">Passages</th><th class="n">Share</th><th class="n">Characters</th><th class="n">Documents</th></tr></thead><tbody>`);
    for (const tag of dimension.tags) {
      const swatch = colours.get(tag.id) ? `<span class="swatch" style="background:${escapeHtml(colours.get(tag.id)!)}"></span>` : '';
      out.push(`<tr><td${tag.depth ? ` style="padding-left:${0.7 + 1.4 * tag.depth}rem"` : ''}>${swatch}${escapeHtml(tag.label)} <span class="muted">${escapeHtml(tag.id)}${tag.known ? '' : ' (not in the codebook)'}</span></td><td class="n">${tag.passages}</td><td class="n">${percent(tag.share)}</td><td class="n">${tag.characters}</td><td class="n">${tag.files}</td></tr>`);
    }
    out.push('</tbody></table>');
  }

  const { matrix } = tally;
  if (matrix.rows.length && matrix.columns.length) {
    out.push('<h2>Type of evidence × form of use</h2>');
    out.push(matrixSvg(matrix.rows.map((r) => '› '.repeat(r.depth) + r.label), matrix.columns.map((c) => '› '.repeat(c.depth) + c.label), matrix.counts));
  }

  out.push('<h2>Coverage</h2><table><thead><tr><th>Document</th><th class="n">Passages</th><th class="n">Coverage</th><th class="n">Untagged paragraphs</th></tr></thead><tbody>');
  for (const file of [...tally.coverage.files].sort((a, b) => a.coverage - b.coverage)) {
    out.push(`<tr><td>${escapeHtml(file.file)}</td><td class="n">${file.passages}</td><td class="n">${percent(file.coverage)}</td><td class="n">${file.untaggedBlocks}</td></tr>`);
  }
  out.push(`<tr><th>All documents</th><th class="n">${tally.passages}</th><th class="n">${percent(tally.coverage.coverage)}</th><th class="n"></th></tr></tbody></table>`);

  out.push('<h2>Passages by tag</h2>');
  const byTag = new Map<string, string[]>();
  for (const { file, parsed } of input.documents) {
    const plain = plainDocument(parsed);
    for (const passage of parsed.passages) {
      const line = parsed.lines.positionAt(passage.start).line + 1;
      const text = plain.text.slice(plain.toPlain(passage.contentStart), plain.toPlain(passage.contentEnd)).trim();
      const item = `<blockquote>${escapeHtml(text).replace(/\n/g, '<br>')}${passage.note ? `<div class="note">Note: ${escapeHtml(passage.note)}</div>` : ''}<div class="where"><a href="${escapeHtml(linkTo(file, line))}">${escapeHtml(file)}:${line}</a></div></blockquote>`;
      for (const ref of tagsOf(passage, lookup)) {
        const key = `${ref.dimension}\u0000${ref.label} (${ref.dimension}=${ref.tag})`;
        if (!byTag.has(key)) byTag.set(key, []);
        byTag.get(key)!.push(item);
      }
    }
  }
  for (const dimension of input.codebook.dimensions) {
    for (const [key, items] of byTag) {
      if (!key.startsWith(dimension.id + '\u0000')) continue;
      out.push(`<h3>${escapeHtml(key.split('\u0000')[1])} <span class="muted">· ${items.length}</span></h3>`);
      for (const item of items) out.push(item);
    }
  }
  out.push('</body></html>\n');
  return out.join('\n');
}

/** The matrix as an SVG heatmap: darker cells hold more passages; counts written in each cell. */
export function matrixSvg(rows: string[], columns: string[], counts: number[][]): string {
  const cellWidth = 180;
  const cellHeight = 44;
  const left = 190;
  const top = 56;
  const width = left + columns.length * cellWidth + 10;
  const height = top + rows.length * cellHeight + 10;
  const max = Math.max(1, ...counts.flat());
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Heatmap of passages by type of evidence and form of use" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui,sans-serif" font-size="13">`];
  columns.forEach((c, j) => parts.push(`<text x="${left + j * cellWidth + cellWidth / 2}" y="${top - 12}" text-anchor="middle" fill="#1d2733">${escapeHtml(c)}</text>`));
  rows.forEach((r, i) => {
    parts.push(`<text x="${left - 10}" y="${top + i * cellHeight + cellHeight / 2 + 4}" text-anchor="end" fill="#1d2733">${escapeHtml(r)}</text>`);
    columns.forEach((_, j) => {
      const n = counts[i][j];
      const strength = n / max;
      const fill = `rgba(31,111,178,${(0.08 + 0.85 * strength).toFixed(3)})`;
      parts.push(`<rect x="${left + j * cellWidth + 2}" y="${top + i * cellHeight + 2}" width="${cellWidth - 4}" height="${cellHeight - 4}" rx="4" fill="${fill}"/>`);
      parts.push(`<text x="${left + j * cellWidth + cellWidth / 2}" y="${top + i * cellHeight + cellHeight / 2 + 5}" text-anchor="middle" fill="${strength > 0.55 ? '#ffffff' : '#1d2733'}" font-weight="600">${n}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * A relative link to a file from a report: each segment percent-encoded (so `#`, `?` and `%` in names keep
 * working) and prefixed with `./`, so a name like `javascript:alert(1).md` is a path, never a scheme.
 */
export function relativeHref(path: string): string {
  const encoded = path.split('/').map((segment) => encodeURIComponent(segment)).join('/');
  return encoded.startsWith('../') ? encoded : `./${encoded}`;
}
