// The agreement coefficients against hand-computed values and Krippendorff's published worked examples
// (1995: p. 57, four pairs of coders on a continuum of 24; 2004: p. 254, two categories on 300), with the
// figures DKPro Statistics' test suite reproduces from them.
import { strict as assert } from 'node:assert';
import { AgreementTable, alphaOf, normalizeUnits, unitizedDisagreement, type Unit } from '../../src/core/agreement/coefficients';

const near = (actual: number | null, expected: number, tolerance: number, what: string) => {
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not ${expected} ± ${tolerance}`);
};
const units = (...pairs: [number, number][]): Unit[] => pairs.map(([start, length]) => ({ start, end: start + length }));

/** Krippendorff (1995: p. 57): offsets and lengths on a continuum of 24, stretched as the tests do. */
function example1995(stretch: number): Record<string, [Unit[], Unit[]]> {
  const s = (pairs: [number, number][]) => units(...pairs.map(([b, l]) => [Math.trunc(b * stretch), Math.trunc(l * stretch)] as [number, number]));
  return {
    A: [s([[2, 8], [14, 6]]), s([[4, 4], [15, 2]])],
    B: [s([[0, 18]]), s([[0, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 3], [9, 1]])],
    C: [s([[2, 6], [10, 2], [14, 4], [20, 2]]), s([[0, 2], [4, 4], [10, 4], [16, 2], [20, 2]])],
    D: [s([[0, 2], [2, 8], [10, 4], [14, 6], [20, 4]]), s([[0, 4], [4, 4], [8, 7], [15, 2], [17, 7]])],
  };
}

describe('agreement coefficients', () => {
  it("Cohen's kappa and percentage agreement by hand: 100 characters, A codes 0–20, B codes 10–30", () => {
    // Both coded 10, A only 10, B only 10, neither 70: pₒ = 0.8, pₑ = 0.2·0.2 + 0.8·0.8 = 0.68, κ = 0.12/0.32.
    const table = new AgreementTable();
    table.add('1', '1', 10);
    table.add('1', '0', 10);
    table.add('0', '1', 10);
    table.add('0', '0', 70);
    near(table.percentage(), 0.8, 1e-12, 'agreement');
    near(table.kappa(), 0.375, 1e-12, 'kappa');
  });

  it("Cohen's kappa is 1/6 where A codes characters 0–60 and B 20–80 of 100 (every character counts)", () => {
    // Both 40, A only 20, B only 20, neither 20: pₒ = 0.6, pₑ = 0.6·0.6 + 0.4·0.4 = 0.52, κ = 0.08/0.48.
    const table = new AgreementTable();
    table.add('1', '1', 40);
    table.add('1', '0', 20);
    table.add('0', '1', 20);
    table.add('0', '0', 20);
    near(table.percentage(), 0.6, 1e-12, 'agreement');
    near(table.kappa(), 1 / 6, 1e-12, 'kappa');
    // Counting only the 80 characters someone coded (QualCoder's base) would give another figure: not this.
  });

  it('kappa over nominal labels, and undefined when chance agreement is certain', () => {
    const table = new AgreementTable();
    table.add('research', 'research', 40);
    table.add('practice', 'practice', 30);
    table.add('research', 'practice', 10);
    table.add('', '', 20);
    // pₒ = 0.9; marginals A: r .5 p .3 ∅ .2, B: r .4 p .4 ∅ .2 → pₑ = .2 + .12 + .04 = .36.
    near(table.kappa(), (0.9 - 0.36) / 0.64, 1e-12, 'kappa');
    const uniform = new AgreementTable();
    uniform.add('', '', 50);
    assert.equal(uniform.kappa(), null);
    assert.equal(new AgreementTable().percentage(), null);
  });

  it("Krippendorff (1995): the digitized version of pair A has Cohen's kappa 0.385", () => {
    const [bertha, bill] = example1995(1).A;
    const table = new AgreementTable();
    const inside = (list: Unit[], k: number) => (list.some((u) => u.start <= k && k < u.end) ? '1' : '0');
    for (let k = 0; k < 24; k++) table.add(inside(bertha, k), inside(bill, k));
    near(table.kappa(), 0.385, 0.001, 'kappa');
  });

  it("Krippendorff (1995: p. 57): observed disagreement of the four pairs, expected and alpha as the continuum grows", () => {
    const observed = { A: 0.03125, B: 2.26736, C: 0.02777, D: 0.38715 };
    for (const [category, value] of Object.entries(observed)) {
      near(unitizedDisagreement(example1995(1)[category], 24).observed, value, 0.00001, `uDo ${category}`);
    }
    const large = example1995(1200000 / 24);
    const expected = { A: [0.0699, 0.553], B: [1.17731, -0.926], C: [0.08642, 0.679], D: [0.41445, 0.066] };
    for (const [category, [de, alpha]] of Object.entries(expected)) {
      const d = unitizedDisagreement(large[category], 1200000);
      near(d.expected, de, 0.005, `uDe ${category}`);
      near(alphaOf([d]), alpha, 0.02, `alpha ${category}`);
    }
    // Pair C shrunk to 12 and grown to 120: uDo stays, uDe 0.05494 and 0.08234 (alpha 0.494 and 0.663).
    const small = unitizedDisagreement(example1995(0.5).C, 12);
    near(small.observed, 0.02777, 0.00001, 'uDo C at 12');
    near(small.expected, 0.05494, 0.00001, 'uDe C at 12');
    near(alphaOf([small]), 0.494, 0.02, 'alpha C at 12');
    const medium = unitizedDisagreement(example1995(5).C, 120);
    near(medium.expected, 0.08234, 0.005, 'uDe C at 120');
    near(alphaOf([medium]), 0.663, 0.02, 'alpha C at 120');
  });

  it('Krippendorff (2004: p. 254): categories c and k on a continuum of 300, and alpha over both', () => {
    const shift = (list: Unit[]) => list.map((u) => ({ start: u.start - 150, end: u.end - 150 }));
    const c = unitizedDisagreement([shift(units([225, 70], [370, 30])), shift(units([220, 80], [355, 20], [400, 20]))], 300);
    const k = unitizedDisagreement([shift(units([180, 60], [300, 50])), shift(units([180, 60], [300, 50]))], 300);
    near(c.observed, 0.0144, 0.0001, 'uDo c');
    near(c.expected, 0.0532, 0.0001, 'uDe c');
    near(alphaOf([c]), 0.7286, 0.0001, 'alpha c');
    near(k.observed, 0, 1e-12, 'uDo k');
    near(k.expected, 0.049, 0.0001, 'uDe k');
    near(alphaOf([k]), 1, 1e-12, 'alpha k');
    near(alphaOf([c, k]), 0.8591, 0.0005, 'alpha over c and k');
  });

  it('alpha by hand: identical codings agree perfectly, a unit only one coder made is full disagreement', () => {
    const same = unitizedDisagreement([units([10, 20]), units([10, 20])], 100);
    assert.equal(same.observed, 0);
    near(alphaOf([same]), 1, 1e-12, 'identical');
    // One unit of 20 by A in B's single gap of 100: Σδ² = 2·20², uDo = 800/(2·1·100²) = 0.04.
    const lonely = unitizedDisagreement([units([10, 20]), []], 100);
    near(lonely.observed, 0.04, 1e-12, 'uDo');
    // uDe: one unit (N = 1, so the first term is 0) of l = 20; gaps A 10 and 70, B 100; those ≥ 20 give
    // Σ(γ − l + 1) = 51 + 81; denominator mL(mL − 1) − l(l − 1) = 200·199 − 380.
    const numerator = 400 * (70 - 19 + (100 - 19));
    near(lonely.expected, ((2 / 100) * numerator) / (2 * 100 * 199 - 20 * 19), 1e-12, 'uDe');
    assert.equal(alphaOf([unitizedDisagreement([[], []], 100)]), null, 'nobody coded: undefined');
  });

  it('normalises a coder’s units: overlapping ones merge, touching ones stay apart', () => {
    assert.deepEqual(normalizeUnits(units([5, 10], [0, 3], [8, 2], [3, 2])), [{ start: 0, end: 3 }, { start: 3, end: 5 }, { start: 5, end: 15 }]);
  });
});
