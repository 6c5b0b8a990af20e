// Words as the suggester compares them: split on anything that is not a letter or digit (so "peer-learning"
// is "peer learning"), folded to lower case, British and American spellings merged, and inflections cut
// back to a common stem, so that "mentors", "mentoring" and "mentored" all meet "mentor".

export interface Word {
  /** The stem compared with cue stems. */
  stem: string;
  /** The word as written (acronym cues compare with it). */
  raw: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu;

/** Spellings that differ between British and American English, merged before the suffixes are cut. */
function merged(word: string): string {
  return word
    .replace(/^programme/, 'program')
    .replace(/isation/, 'ization')
    .replace(/is(e|ed|es|ing|er|ers)$/, 'iz$1')
    .replace(/ys(e|ed|es|ing)$/, 'yz$1')
    .replace(/iour/, 'ior')
    .replace(/enrolment/, 'enrollment')
    .replace(/centre/, 'center');
}

const DOUBLE_CONSONANT = /([bcdfgklmnprstvz])\1$/;

const VOWEL = /[aeiouy]/;
/** Cuts `length` letters off when what is left still has a vowel (so "bring" and "need" stay whole). */
const cut = (w: string, length: number) => (VOWEL.test(w.slice(0, -length)) && w.length - length >= 2 ? w.slice(0, -length) : w);

/** A light English stemmer: enough for cues (plurals, -ed, -ing, -ies, a final e), consistent both ways. */
export function stem(word: string): string {
  let w = merged(word.toLowerCase().replace(/['’]s$/, ''));
  if (w.length <= 2 || /\d/.test(w)) return w;
  if (/ies$|ied$/.test(w) && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (/(ss|us|is)$/.test(w)) return w;
  else if (/(sses|xes|zes|ches|shes)$/.test(w)) w = w.slice(0, -2);
  else if (/ing$/.test(w)) w = cut(w, 3);
  else if (/[^e]ed$/.test(w)) w = cut(w, 2);
  else if (/s$/.test(w)) w = w.slice(0, -1);
  if (DOUBLE_CONSONANT.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.length >= 3 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

export function words(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = from;
  for (let match = WORD.exec(text); match && match.index < to; match = WORD.exec(text)) {
    const end = Math.min(match.index + match[0].length, to);
    const raw = text.slice(match.index, end);
    out.push({ stem: stem(raw), raw, start: match.index, end });
  }
  return out;
}

/** Capitals after the first letter make a word an acronym or a name (RCT, EMIS, TaRL): matched as written. */
export function isAcronym(word: string): boolean {
  return /\p{Lu}/u.test(word.slice(1));
}

/**
 * Words so common in writing about education and evidence that a cue made only of them says little: they
 * count a quarter of a specific word. Kept short on purpose; the cue lists carry the meaning.
 */
export const COMMON_STEMS: ReadonlySet<string> = new Set(
  [
    'a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'to', 'for', 'with', 'by', 'at', 'from', 'as', 'is', 'are', 'be', 'was', 'were', 'it', 'its',
    'this', 'that', 'these', 'their', 'our', 'we', 'they', 'how', 'what', 'which', 'who', 'not', 'no', 'more', 'also', 'into', 'about',
    'data', 'evidence', 'use', 'used', 'using', 'research', 'school', 'schools', 'education', 'learning', 'program', 'programme', 'community',
    'communities', 'children', 'teacher', 'teachers', 'policy', 'system', 'local', 'support', 'information', 'work', 'practice', 'learner', 'learners',
    'student', 'students', 'organisation', 'organization', 'change', 'new', 'help', 'make', 'made', 'need', 'needs', 'level', 'levels', 'process',
  ].map(stem),
);
