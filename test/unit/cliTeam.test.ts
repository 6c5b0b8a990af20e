// Team coding on the command line, in a temporary git repository made here: two coders on two branches,
// `agree` between files, folders and revisions, `--min-kappa` as a CI gate, `tally --rev`, and the merge
// driver wired through .gitattributes so that `git merge` merges tag changes made on the same line.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve(__dirname, '../../dist/cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
const git = (cwd: string, ...args: string[]) => {
  const result = spawnSync('git', ['-c', 'user.name=Coder', '-c', 'user.email=coder@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};

const BASE = 'Teachers read the research summary. They also looked at attendance data. Nobody changed anything.\n\nA second paragraph about coaching.\n';

describe('command line: team coding', function () {
  this.timeout(30000);
  let repo: string;

  before(() => {
    repo = mkdtempSync(join(tmpdir(), 'evidence-team-'));
    git(repo, 'init', '-q');
    mkdirSync(join(repo, 'docs'));
    writeFileSync(join(repo, 'docs', 'interview.md'), BASE);
    writeFileSync(join(repo, '.gitattributes'), '*.md merge=evidence-tagger\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    git(repo, 'config', 'merge.evidence-tagger.name', 'Evidence Tagger');
    git(repo, 'config', 'merge.evidence-tagger.driver', `"${process.execPath}" "${CLI}" merge-driver %O %A %B %P`);
    // Coder A tags the first sentence; coder B the second, on the same line, and the second paragraph.
    git(repo, 'checkout', '-qb', 'coder-a');
    writeFileSync(join(repo, 'docs', 'interview.md'), BASE.replace('Teachers read the research summary.', '[Teachers read the research summary.]{evidence=research use=transparent}'));
    git(repo, 'commit', '-qam', 'A codes');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'checkout', '-qb', 'coder-b');
    writeFileSync(join(repo, 'docs', 'interview.md'), BASE.replace('They also looked at attendance data.', '[They also looked at attendance data.]{evidence=sector-data}').replace('A second paragraph about coaching.', '[A second paragraph about coaching.]{evidence=practice}'));
    git(repo, 'commit', '-qam', 'B codes');
  });

  it('agree --rev compares two branches: a table per tag, every disagreement, and --json', () => {
    const result = run(['agree', '--rev', 'coder-a', '--rev', 'coder-b', 'docs'], repo);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Agreement over [\d,]+ characters of prose in 1 file/);
    assert.match(result.stdout, /evidence\s+research\s+1\s+0\s/);
    assert.match(result.stdout, /4 disagreements:\n  docs\/interview\.md:1:2 \(B 1:1\): evidence: research ≠ \(none\)  "Teachers read the research summary\."\n  docs\/interview\.md:1:2 \(B 1:1\): use: transparent ≠ \(none\)/);
    assert.match(result.stdout, /docs\/interview\.md:1:74 \(B 1:38\): evidence: \(none\) ≠ sector-data/);
    assert.match(result.stdout, /overall\s+19\.8%\s+-0\.217\s+-0\.714/);
    const json = JSON.parse(run(['agree', '--json', '--rev', 'coder-a', '--rev', 'coder-b', 'docs'], repo).stdout);
    assert.equal(json.files, 1);
    assert.deepEqual(json.disagreements.map((d: { dimension: string; tagsA: string[]; tagsB: string[] }) => [d.dimension, d.tagsA, d.tagsB]), [
      ['evidence', ['research'], []],
      ['use', ['transparent'], []],
      ['evidence', [], ['sector-data']],
      ['evidence', [], ['practice']],
    ]);
    assert.deepEqual(json.pairs, [{ file: 'docs/interview.md', a: 'coder-a:docs/interview.md', b: 'coder-b:docs/interview.md' }]);
    assert.equal(json.overall.percentage < 1, true);
  });

  it('--min-kappa holds a team to its agreement: exit 1 below, 0 at or above', () => {
    const below = run(['agree', '--rev', 'coder-a', '--rev', 'coder-b', '--min-kappa', '0.7', 'docs'], repo);
    assert.equal(below.status, 1);
    assert.match(below.stderr, /agreement below the threshold: kappa -?[\d.]+ < 0\.7/);
    assert.equal(run(['agree', '--rev', 'coder-a', '--rev', 'coder-a', '--min-kappa', '0.99', 'docs'], repo).status, 0);
  });

  it('agree on two folders matches documents by path and says which are only on one side', () => {
    const a = join(repo, 'copy-a');
    const b = join(repo, 'copy-b');
    mkdirSync(a);
    mkdirSync(b);
    const tagged = '[Teachers read the research summary.]{evidence=research} Rest.\n';
    writeFileSync(join(a, 'one.md'), tagged);
    writeFileSync(join(b, 'one.md'), tagged);
    writeFileSync(join(a, 'only-a.md'), 'x\n');
    const result = run(['agree', a, b], repo);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /overall\s+100\.0%\s+1\.000\s+1\.000/);
    assert.match(result.stdout, /no disagreements/);
    assert.match(result.stderr, /only-a\.md: not in .*copy-b, left out/);
    assert.match(run(['agree', a, join(a, 'one.md')], repo).stderr, /two files or two folders/);
    assert.match(run(['agree', '--rev', 'nope', '--rev', 'coder-a', 'docs'], repo).stderr, /no revision "nope"/);
  });

  it('tally --rev shows the change between a revision and the working tree', () => {
    git(repo, 'checkout', '-q', 'coder-b');
    const result = run(['tally', '--rev', 'main', 'docs'], repo);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Since main: 0 → 2 passages \(\+2\)/);
    assert.match(result.stdout, /In short: \+1 sector-data, \+1 practice, coverage 0% → \d+%/);
  });

  it('git merge with the driver merges tag changes made on one line; a real conflict stays a conflict', () => {
    git(repo, 'checkout', '-q', 'coder-a');
    git(repo, 'checkout', '-qb', 'merged');
    const merge = spawnSync('git', ['-c', 'user.name=C', '-c', 'user.email=c@e', 'merge', '--no-edit', 'coder-b'], { cwd: repo, encoding: 'utf8' });
    assert.equal(merge.status, 0, merge.stdout + merge.stderr);
    const text = readFileSync(join(repo, 'docs', 'interview.md'), 'utf8');
    assert.equal(text, '[Teachers read the research summary.]{evidence=research use=transparent} [They also looked at attendance data.]{evidence=sector-data} Nobody changed anything.\n\n[A second paragraph about coaching.]{evidence=practice}\n');

    // Both coders retag the same passage differently: a conflict, with git's markers.
    git(repo, 'checkout', '-qb', 'retag-1');
    writeFileSync(join(repo, 'docs', 'interview.md'), text.replace('evidence=practice', 'evidence=pedagogical'));
    git(repo, 'commit', '-qam', 'retag 1');
    git(repo, 'checkout', '-q', 'merged');
    git(repo, 'checkout', '-qb', 'retag-2');
    writeFileSync(join(repo, 'docs', 'interview.md'), text.replace('evidence=practice', 'evidence=research'));
    git(repo, 'commit', '-qam', 'retag 2');
    const conflict = spawnSync('git', ['-c', 'user.name=C', '-c', 'user.email=c@e', 'merge', '--no-edit', 'retag-1'], { cwd: repo, encoding: 'utf8' });
    assert.notEqual(conflict.status, 0);
    assert.match(conflict.stderr + conflict.stdout, /both sides changed the markup at line 3/);
    assert.match(readFileSync(join(repo, 'docs', 'interview.md'), 'utf8'), /<<<<<<< ours[\s\S]*evidence=research[\s\S]*=======[\s\S]*evidence=pedagogical[\s\S]*>>>>>>> theirs/);
    spawnSync('git', ['merge', '--abort'], { cwd: repo });
  });
});
