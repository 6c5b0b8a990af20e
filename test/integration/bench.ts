// The extension-host benchmark (npm run bench, not a test): how long the workspace index of the bench
// corpus takes inside the extension host, how long the event loop is blocked meanwhile, its memory, and
// how long one keystroke in a 5 MB document takes to bring parse, decorations and views up to date.
import { readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'evidence-tagger.evidence-tagger';

export async function run(): Promise<void> {
  const results = process.env.EVIDENCE_TAGGER_BENCH_RESULTS!;
  const bigFile = process.env.EVIDENCE_TAGGER_BENCH_BIG_FILE!;
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  await waitFor(async () => (await vscode.commands.executeCommand<{ done: boolean }>('evidenceTagger._indexStatsForTest')).done, 600_000);
  if (process.env.EVIDENCE_TAGGER_BENCH_PHASE === 'new-session') {
    // A new session of the workspace the first one indexed: its first scan, from the stored index, as the workbench starts.
    const first = await vscode.commands.executeCommand<{ ms: number; reused: number; parsed: number; quickListing?: boolean; phases?: Record<string, number>; folders?: { read: number; unread: number } }>('evidenceTagger._indexStatsForTest');
    writeFileSync(results, JSON.stringify({ new_session_index_ms: first.ms, new_session_reused: first.reused, new_session_parsed: first.parsed, new_session_quick_listing: first.quickListing ? 1 : 0, new_session_read_ms: first.phases?.read ?? NaN, new_session_load_ms: first.phases?.load ?? NaN, new_session_checked_ms: first.phases?.check ?? NaN, new_session_statted_ms: first.phases?.statted ?? NaN, new_session_listed_ms: first.phases?.list ?? NaN, new_session_waited_ms: first.phases?.waited ?? NaN, new_session_folders_read: first.folders?.read ?? NaN, new_session_folders_unread: first.folders?.unread ?? NaN, new_session_longest_slice_ms: first.phases?.longestStartupSlice ?? NaN }));
    return;
  }

  const figures: Record<string, number> = {};
  // Index the whole corpus again, watching the event loop: the largest gap between 2 ms heartbeats.
  let maxGap = 0;
  let maxGapAt = 0;
  const indexStart = performance.now();
  let last = indexStart;
  const heartbeat = setInterval(() => {
    const now = performance.now();
    if (now - last > maxGap) [maxGap, maxGapAt] = [now - last, last - indexStart];
    last = now;
  }, 2);
  // Garbage collection pauses the event loop too: the longest pause, to tell it from the index's own work.
  let maxGc = 0;
  const gcWatch = new PerformanceObserver((list) => list.getEntries().forEach((entry) => (maxGc = Math.max(maxGc, entry.duration))));
  gcWatch.observe({ entryTypes: ['gc'] });
  const heapBefore = process.memoryUsage().heapUsed;
  // Cold: the index in memory and the stored one both forgotten, every document read.
  const stats = await vscode.commands.executeCommand<{ files: number; passages: number; ms: number; maxSliceMs: number; findMs?: number }>('evidenceTagger._reloadIndexForTest', true);
  clearInterval(heartbeat);
  gcWatch.disconnect();
  const heapAfter = process.memoryUsage().heapUsed;
  Object.assign(figures, { index_ms: stats.ms, index_files: stats.files, index_passages: stats.passages, index_max_slice_ms: stats.maxSliceMs, index_max_block_ms: maxGap, index_max_block_at_ms: maxGapAt, index_max_gc_ms: maxGc, index_heap_mb: (heapAfter - heapBefore) / 1e6 });

  // Warm: what a new session does with the stored index (saved first), then after 10 files changed outside.
  type Reload = { ms: number; reused: number; parsed: number; files: number; readyMs?: number; phases?: Record<string, number> };
  await vscode.commands.executeCommand('evidenceTagger._saveIndexForTest');
  const warm = await vscode.commands.executeCommand<Reload>('evidenceTagger._reloadIndexForTest', false);
  Object.assign(figures, { warm_index_ms: warm.ms, warm_index_ready_ms: warm.readyMs ?? NaN, warm_index_reused: warm.reused, warm_index_read_ms: warm.phases?.read ?? NaN, warm_index_load_ms: warm.phases?.load ?? NaN, warm_index_checked_ms: warm.phases?.check ?? NaN, warm_index_statted_ms: warm.phases?.statted ?? NaN, warm_index_listed_ms: warm.phases?.list ?? NaN });
  const corpus = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const touched = readdirSync(corpus).sort().flatMap((folder) => readdirSync(join(corpus, folder)).sort().map((name) => join(corpus, folder, name))).slice(0, 10);
  const originals = touched.map((file) => ({ file, text: readFileSync(file, 'utf8'), time: statSync(file).mtime }));
  try {
    const past = new Date(Date.now() - 60_000);
    for (const { file, text } of originals) {
      writeFileSync(file, text + '\nOne more [line]{evidence=research}.\n');
      utimesSync(file, past, past);
    }
    // Whether the file watcher or the new session reads them, each changed document is read once.
    const parsedBefore = (await vscode.commands.executeCommand<{ totalParsed: number }>('evidenceTagger._indexStatsForTest')).totalParsed;
    await new Promise((r) => setTimeout(r, 2000));
    await vscode.commands.executeCommand('evidenceTagger._saveIndexForTest');
    await vscode.commands.executeCommand<Reload>('evidenceTagger._reloadIndexForTest', false);
    figures.warm_index_reparsed = (await vscode.commands.executeCommand<{ totalParsed: number }>('evidenceTagger._indexStatsForTest')).totalParsed - parsedBefore;
  } finally {
    for (const { file, text, time } of originals) {
      writeFileSync(file, text);
      utimesSync(file, time, time);
    }
  }

  // Keystrokes in the 5 MB document (an untitled copy, so the file stays as generated): type characters at
  // spread-out places, one edit (and one change event) each.
  const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(bigFile)));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content }));
  await new Promise((r) => setTimeout(r, 1000));
  const before = (await vscode.commands.executeCommand<number[]>('evidenceTagger._keystrokesForTest')).length;
  // Typing happens in prose: each edit goes a few characters into a line of text, spread over the document.
  const typeAt = async (count: number, seed: number) => {
    const lines = editor.document.lineCount;
    for (let i = 0, n = 0; n < count && i < 10_000; i++) {
      const line = Math.floor((((i + seed) * 0.618034) % 1) * (lines - 1));
      const lineText = editor.document.lineAt(line).text;
      if (lineText.length < 40 || !/^[A-Z]/.test(lineText)) continue;
      await editor.edit((b) => b.insert(new vscode.Position(line, 12), n % 3 === 0 ? '[' : 'x'), { undoStopBefore: false, undoStopAfter: false });
      n++;
    }
  };
  await typeAt(120, 0);
  const times = (await vscode.commands.executeCommand<number[]>('evidenceTagger._keystrokesForTest')).slice(before + 20).sort((a, b) => a - b);
  figures.keystroke_median_ms = times[Math.floor(times.length / 2)];
  figures.keystroke_p95_ms = times[Math.floor(times.length * 0.95)];
  figures.keystroke_samples = times.length;
  // The same with something left open above the cursor: a code fence, a div, a comment, front matter.
  const unclosed: number[] = [];
  for (const [i, opener] of ['```\n', '::: {evidence=research}\n', '<!--\n', '---\ntitle: draft\n'].entries()) {
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), opener));
    await typeAt(60, 1000 * (i + 1));
    // The last 50 of the 60 (the first few warm up after the structural edit).
    for (const ms of (await vscode.commands.executeCommand<number[]>('evidenceTagger._keystrokesForTest')).slice(-50)) unclosed.push(ms);
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, opener.split('\n').length - 1, 0)));
  }
  unclosed.sort((a, b) => a - b);
  figures.keystroke_unclosed_median_ms = unclosed[Math.floor(unclosed.length / 2)];
  figures.keystroke_unclosed_p95_ms = unclosed[Math.floor(unclosed.length * 0.95)];
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  figures.find_ms = stats.findMs ?? 0;
  // What the next session starts from: the store as the corpus is now (restored files re-read by the watcher).
  await new Promise((r) => setTimeout(r, 2500));
  await vscode.commands.executeCommand('evidenceTagger._saveIndexForTest');
  writeFileSync(results, JSON.stringify(figures));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
