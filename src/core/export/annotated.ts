// The coded documents themselves as one standalone page: each document rendered from its Markdown with its
// passages highlighted as in the editor (the preview plugin, so exactly the core's passages), the labels and
// notes as tooltips, and a side legend of the tags with their counts. What a researcher sends to a colleague
// who has no VS Code. No scripts (a Content Security Policy forbids them), no remote content.
import MarkdownIt from 'markdown-it';
import { CodebookLookup } from '../codebook/lookup';
import { evidencePreviewPlugin } from '../preview';
import { escapeHtml } from './html';
import { tallyOf, type ExportInput } from './model';


const STYLE = `
:root{color-scheme:light dark;--text:#1d2733;--muted:#5b6775;--rule:#dde3ea;--page:#fff}
@media (prefers-color-scheme:dark){:root{--text:#d8dee6;--muted:#9aa6b2;--rule:#34404c;--page:#161b22}}
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--text);background:var(--page);margin:0}
.layout{display:grid;grid-template-columns:minmax(0,46rem) 16rem;gap:2.5rem;max-width:66rem;margin:0 auto;padding:2rem 1.2rem}
main section{border-bottom:1px solid var(--rule);padding-bottom:1.5rem;margin-bottom:2rem}
.file{font-size:.85em;color:var(--muted);margin:0}main>p.file{margin-bottom:2rem}
aside{position:sticky;top:1rem;align-self:start;font-size:.9em;max-height:calc(100vh - 2rem);overflow:auto}
aside h2{font-size:1em;margin:1.2em 0 .4em}aside ul{list-style:none;padding:0;margin:0}aside li{margin:.2em 0}
aside a{color:inherit}.count{color:var(--muted)}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.45em;vertical-align:-.1em;background:var(--evidence-tint-light)}
@media (prefers-color-scheme:dark){.swatch{background:var(--evidence-tint-dark)}}
.evidence-passage{--evidence-tint:var(--evidence-tint-light,#808080);--evidence-line:var(--evidence-line-light,transparent);border-radius:2px}
@media (prefers-color-scheme:dark){.evidence-passage{--evidence-tint:var(--evidence-tint-dark,#a0a0a0);--evidence-line:var(--evidence-line-dark,transparent)}}
span.evidence-passage{background:color-mix(in srgb,var(--evidence-tint) 22%,transparent);text-decoration:underline 2px var(--evidence-line);text-underline-offset:3px;cursor:help}
div.evidence-passage{background:color-mix(in srgb,var(--evidence-tint) 10%,transparent);border-left:4px solid var(--evidence-line);box-shadow:inset 3px 0 0 color-mix(in srgb,var(--evidence-tint) 70%,transparent);padding:.1em 0 .1em .8em;margin:.4em 0}
.evidence-unknown{outline:1px dashed #bf8803;outline-offset:1px}.evidence-wrap{display:none}
@media (max-width:900px){.layout{grid-template-columns:minmax(0,1fr)}aside{position:static;max-height:none;order:-1}}
@media print{.layout{display:block}aside{position:static}.evidence-passage{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;

export function exportAnnotatedHtml(input: ExportInput): string {
  const lookup = new CodebookLookup(input.codebook);
  // Raw HTML in the documents renders as written (it is the author's own); the page's policy forbids scripts.
  const md = new MarkdownIt({ html: true, linkify: false }).use(evidencePreviewPlugin, { lookupFor: () => lookup, enabled: () => true });
  const tally = tallyOf(input);
  const title = input.projectName ?? 'Coded documents';
  const generated = (input.generated ?? new Date()).toISOString().slice(0, 16).replace('T', ' ');
  const sections = input.documents.map((d, i) => `<section id="document-${i + 1}"><p class="file">${escapeHtml(d.file)}</p>\n${md.render(withoutFrontMatter(d.parsed.text))}</section>`);
  const legend: string[] = [];
  for (const dimension of tally.dimensions) {
    const used = dimension.tags.filter((t) => t.passages > 0);
    if (!used.length) continue;
    legend.push(`<h2>${escapeHtml(dimension.label)}</h2><ul>`);
    for (const tag of used) {
      const colour = lookup.colourOf(dimension.id, tag.id);
      const swatch = `<span class="swatch" style="--evidence-tint-light:${escapeHtml(colour?.light ?? '#808080')};--evidence-tint-dark:${escapeHtml(colour?.dark ?? '#a0a0a0')}"></span>`;
      legend.push(`<li style="padding-left:${1.2 * tag.depth}em">${swatch}${escapeHtml(tag.known ? tag.label : `${tag.id} (not in the codebook)`)} <span class="count">${tag.passages}</span></li>`);
    }
    legend.push('</ul>');
  }
  const contents = input.documents.length > 1 ? `<h2>Documents</h2><ul>${input.documents.map((d, i) => `<li><a href="#document-${i + 1}">${escapeHtml(d.file)}</a></li>`).join('')}</ul>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data: https:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Evidence Tagger">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body><div class="layout">
<main><h1>${escapeHtml(title)}</h1>
<p class="file">${tally.files} document${tally.files === 1 ? '' : 's'}, ${tally.passages} tagged passage${tally.passages === 1 ? '' : 's'}. Codebook: ${escapeHtml(input.codebook.name)}. Generated ${escapeHtml(generated)} UTC. Hover over a passage for its tags and note.</p>
${sections.join('\n')}</main>
<aside><h2>Evidence tags</h2>${legend.join('')}${contents}</aside>
</div></body></html>
`;
}

/** YAML front matter is metadata, not text (markdown-it would show it): its lines become blank lines. */
function withoutFrontMatter(text: string): string {
  const match = /^(?:\ufeff)?---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return match ? match[0].replace(/[^\r\n]+/g, '') + text.slice(match[0].length) : text;
}
