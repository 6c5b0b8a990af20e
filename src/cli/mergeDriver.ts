// merge-driver: git's custom merge driver for tagged documents (see README, "Team coding"). Tag changes from
// both branches merge even on the same line; anything else falls back to git's own line merge, so a real
// conflict is reported as one, with the usual markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { decodeDocument, mergeCodings, type CodebookLookup } from '../core';
import { CommandError } from './codingCommands';
import { printable } from './printable';

export function mergeDriver(paths: string[], lookup: CodebookLookup): number {
  if (paths.length < 3 || paths.length > 4) throw new CommandError('merge-driver: git passes BASE OURS THEIRS [PATH] (%O %A %B %P)');
  const [base, ours, theirs, shown = ours] = paths;
  const texts = [base, ours, theirs].map((file) => {
    const decoded = decodeDocument(readFileSync(file));
    return decoded.ok && decoded.encoding === 'utf-8' && !decoded.warnings.length ? decoded.text : undefined;
  });
  if (texts.every((t) => t !== undefined)) {
    const result = mergeCodings(texts[0]!, texts[1]!, texts[2]!, lookup);
    if (result.ok) {
      // A BOM on our side is kept, as the editor and the other commands keep it.
      const bom = readFileSync(ours).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? '\ufeff' : '';
      writeFileSync(ours, bom + result.text);
      process.stderr.write(printable(`evidence-tagger: ${shown}: merged the tag changes of both sides`) + '\n');
      return 0;
    }
    process.stderr.write(printable(`evidence-tagger: ${shown}: ${result.reason}; merging line by line`) + '\n');
  }
  const merged = spawnSync('git', ['merge-file', '-L', 'ours', '-L', 'base', '-L', 'theirs', ours, base, theirs], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (merged.error) throw new CommandError(`merge-driver: cannot run git merge-file: ${merged.error.message}`);
  return merged.status === 0 ? 0 : 1;
}
