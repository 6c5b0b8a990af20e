// Agreement coefficients for two coders over a continuum of characters.
//
// - Percentage agreement and Cohen's kappa (Cohen 1960) over every character: κ = (pₒ − pₑ) / (1 − pₑ), where
//   pₒ is the share of characters both coders treat alike and pₑ = Σ_k p_A(k)·p_B(k) the agreement expected
//   from each coder's own marginals. Every character counts, coded or not (unlike QualCoder's figure, which
//   counts only characters at least one coder coded).
// - Krippendorff's unitized alpha for one category, _uα_c (Krippendorff 1995, "On the reliability of
//   unitizing contiguous data", Sociological Methodology 25:47–76; Krippendorff 2004, Content Analysis, 2nd
//   ed., pp. 251–256): each coder cuts the continuum of length L into units of c and gaps; for m coders
//     uDo_c = Σ_i Σ_{j≠i} Σ_g Σ_h δ²(g, h) / (m(m−1)L²), over sections g of coder i and h of coder j, where
//       δ² = (b_g − b_h)² + (e_g − e_h)²  for two overlapping units,
//       δ² = l_g²  for a unit g lying inside a gap h (and the mirror case), 0 otherwise;
//     uDe_c = (2/L) Σ_units u [ (N_c − 1)(2l_u³ − 3l_u² + l_u)/3 + l_u² Σ_{gaps γ, l_γ ≥ l_u} (l_γ − l_u + 1) ]
//             / ( mL(mL − 1) − Σ_units l_u(l_u − 1) ),
//   N_c the number of units of c over all coders; _uα_c = 1 − uDo_c / uDe_c. Over several categories,
//   _uα = 1 − Σ_c uDo_c / Σ_c uDe_c. Checked against Krippendorff's worked examples (1995: p. 57; 2004:
//   p. 254) as reproduced in DKPro Statistics' tests.

export interface Unit {
  start: number;
  end: number;
}

/** Units of one coder as sorted, non-overlapping sections (touching units stay two units). */
export function normalizeUnits(units: Unit[]): Unit[] {
  const sorted = units.filter((u) => u.end > u.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Unit[] = [];
  for (const unit of sorted) {
    const last = out[out.length - 1];
    // Units of one category by one coder may not overlap: overlapping ones (nested passages) are one.
    if (last && unit.start < last.end) last.end = Math.max(last.end, unit.end);
    else out.push({ ...unit });
  }
  return out;
}

interface Section extends Unit {
  coded: boolean;
}

/** The continuum [0, length) cut into a coder's units and the gaps between them. */
function sections(units: Unit[], length: number): Section[] {
  const out: Section[] = [];
  let at = 0;
  for (const unit of units) {
    if (unit.start > at) out.push({ start: at, end: unit.start, coded: false });
    out.push({ start: unit.start, end: unit.end, coded: true });
    at = unit.end;
  }
  if (at < length) out.push({ start: at, end: length, coded: false });
  return out;
}

/** δ² of two sections that intersect (Krippendorff 1995). */
function distance(g: Section, h: Section): number {
  const lg = g.end - g.start;
  const lh = h.end - h.start;
  if (g.coded && h.coded) return g.start < h.end && h.start < g.end ? (g.start - h.start) ** 2 + (g.end - h.end) ** 2 : 0;
  if (g.coded && !h.coded && h.start <= g.start && g.end <= h.end) return lg * lg;
  if (!g.coded && h.coded && g.start <= h.start && h.end <= g.end) return lh * lh;
  return 0;
}

export interface UnitizedDisagreement {
  observed: number;
  expected: number;
}

/** uDo_c and uDe_c for one category; each coder's units normalised and inside [0, length). */
export function unitizedDisagreement(coders: Unit[][], length: number): UnitizedDisagreement {
  const m = coders.length;
  if (length <= 0 || m < 2) return { observed: 0, expected: 0 };
  const cut = coders.map((units) => sections(normalizeUnits(units), length));
  let observed = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      // Sweep both section lists once: every intersecting pair is met exactly once.
      const a = cut[i];
      const b = cut[j];
      let x = 0;
      let y = 0;
      while (x < a.length && y < b.length) {
        observed += distance(a[x], b[y]);
        const aEnd = a[x].end;
        const bEnd = b[y].end;
        if (aEnd <= bEnd) x++;
        if (bEnd <= aEnd) y++;
      }
    }
  }
  observed = (2 * observed) / (m * (m - 1) * length * length);

  const units = cut.flatMap((s) => s.filter((section) => section.coded).map((u) => u.end - u.start));
  const gaps = cut.flatMap((s) => s.filter((section) => !section.coded).map((g) => g.end - g.start)).sort((p, q) => p - q);
  // Suffix sums over gaps sorted ascending: Σ_{γ ≥ l} (l_γ − l + 1) in O(log G) per unit.
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + gaps[k];
  const n = units.length;
  let numerator = 0;
  let squared = 0;
  for (const l of units) {
    let low = 0;
    let high = gaps.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (gaps[mid] >= l) high = mid;
      else low = mid + 1;
    }
    const count = gaps.length - low;
    numerator += ((n - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * (suffix[low] - count * (l - 1));
    squared += l * (l - 1);
  }
  const denominator = m * length * (m * length - 1) - squared;
  const expected = denominator > 0 ? ((2 / length) * numerator) / denominator : 0;
  return { observed, expected };
}

/** 1 − Do/De; null when no disagreement is expected (nobody coded, or everything is one unit). */
export function alphaOf(parts: UnitizedDisagreement[]): number | null {
  const observed = parts.reduce((s, p) => s + p.observed, 0);
  const expected = parts.reduce((s, p) => s + p.expected, 0);
  if (expected <= 0) return observed === 0 ? null : 0;
  return 1 - observed / expected;
}

/** A 2 × 2 (or k × k) table of how often coder A gave label a while B gave label b, over characters. */
export class AgreementTable {
  private readonly cells = new Map<string, number>();
  private readonly marginalA = new Map<string, number>();
  private readonly marginalB = new Map<string, number>();
  total = 0;
  agreed = 0;

  add(a: string, b: string, count = 1): void {
    if (count <= 0) return;
    const key = `${a}\u0000${b}`;
    this.cells.set(key, (this.cells.get(key) ?? 0) + count);
    this.marginalA.set(a, (this.marginalA.get(a) ?? 0) + count);
    this.marginalB.set(b, (this.marginalB.get(b) ?? 0) + count);
    this.total += count;
    if (a === b) this.agreed += count;
  }

  /** Share of characters both treat alike; null for an empty continuum. */
  percentage(): number | null {
    return this.total ? this.agreed / this.total : null;
  }

  /** Cohen's kappa; null when chance agreement is certain (both coders gave one label to everything). */
  kappa(): number | null {
    if (!this.total) return null;
    const po = this.agreed / this.total;
    let pe = 0;
    for (const [label, count] of this.marginalA) pe += (count / this.total) * ((this.marginalB.get(label) ?? 0) / this.total);
    if (pe >= 1 - 1e-12) return null;
    return (po - pe) / (1 - pe);
  }
}
