// Codebook presets: the default framework, with a community type of evidence, and with optional dimensions for what the review describes but the
// default four-by-three cannot hold. Written to presets/*.json by the build; a folder adopts one by copying
// it to evidence-codebook.json. Quotations are the review's own words (Morales, Broadbent & Makokha, 2025).
import { DEFAULT_CODEBOOK } from './default';
import { codebookSchema, type Codebook, type CodebookInput } from './schema';

const REVIEW = 'Morales, Broadbent & Makokha (2025)';
const cite = (where: string, quotation: string) => `${REVIEW}, ${where}: "${quotation}"`;

/** The fifth type of evidence: what the review counts as evidence but Figure 2's four types leave out. */
const COMMUNITY_TYPE: CodebookInput['dimensions'][number]['tags'][number] = {
  id: 'community',
  label: 'Community-based insight',
  definition: 'Local knowledge and lived experience of the community offered as evidence in its own right: what learners, families, community members and local leaders know about their own context, priorities and needs, told in their own words or gathered with them (community-defined indicators, stories, collaborative inquiry).',
  aliases: ['local-knowledge', 'lived-experience', 'collaborative'],
  cues: ['local knowledge', 'lived experience', 'lived experiences', 'community-driven', 'community input', 'community feedback', 'defining their own indicators', 'indicators of success', 'local priorities', 'narratives from participants', 'personal stories', 'narrative-based evidence', 'co-created', 'co-creation', 'grassroots'],
  source: cite('§2.3; Box 5, §4.5; Annex 2 ("Community-Based Insights", "Collaborative Evidence")', 'these ecosystems elevate local knowledge and lived experience as valuable forms of evidence'),
  example: '"Our approach centres around the communities themselves defining their own indicators of success, using evidence that they\'ve generated to steer their interventions." (Firelight Foundation, Box 5, §4.5)',
  color: { light: '#a3365f', dark: '#e889ad' },
};

/** The default framework with `community` as a fifth type of evidence. */
const withCommunity: CodebookInput = {
  ...DEFAULT_CODEBOOK,
  name: 'Evidence use in CLLEs: the default framework with community-based insight',
  dimensions: DEFAULT_CODEBOOK.dimensions.map((d) => (d.id === 'evidence' ? { ...d, tags: [...d.tags, COMMUNITY_TYPE] } : d)),
};

const OPTIONAL_DIMENSIONS: CodebookInput['dimensions'] = [
  {
    id: 'purpose',
    label: 'Other purpose of use',
    description: 'Uses the review describes beyond the three forms of Figure 3 (§4.7, §5 and the annex profiles): evidence used to persuade, to confirm, or to answer to funders and systems. Code it alongside `use` when a passage shows one.',
    multiple: true,
    tags: [
      {
        id: 'advocacy',
        label: 'Advocacy',
        definition: 'Evidence used to argue for a cause, a policy or resources, to decision-makers outside the organisation.',
        cues: ['advocacy', 'policy engagement', 'policy briefs', 'campaigning'],
        source: cite('§5.3', 'By supporting evidence-based advocacy, funders can help institutionalise community-led initiatives'),
        example: '"Investing in developing advocacy tools, such as policy briefs, storytelling, presentations, enables communities to effectively communicate their needs and successes to policy-makers." (§5.3)',
      },
      {
        id: 'validation',
        label: 'Validation',
        definition: 'Evidence used to confirm that an approach works, to show impact or legitimise a programme, rather than to change it.',
        cues: ['validation', 'validate', 'demonstrate impact', 'proof of concept'],
        source: cite('Case Study 10, §4.2', 'The evidence was not just used for validation but for refining program strategies'),
        example: 'The RCT "showed that schools receiving support from BT fellows achieved significant improvements in numeracy" (Case Study 10, §4.2)',
      },
      {
        id: 'accountability',
        label: 'Accountability',
        definition: 'Evidence produced or used to report to funders or to national standards, to satisfy an external demand rather than the community\'s own questions.',
        cues: ['accountability', 'funder-friendly', 'reporting requirements', 'accountability demands'],
        source: cite('§5.2', 'rather than solely meeting external accountability demands'),
        example: 'Organisations focus "more on what is funder-friendly than community-relevant" (§4.7)',
      },
    ],
  },
  {
    id: 'generation',
    label: 'Evidence generation',
    description: 'Passages where evidence is produced rather than (only) used: in CLLEs local actors "not only use evidence but also generate it" (§4.3), often together with researchers (§4.5).',
    multiple: true,
    tags: [
      {
        id: 'co-creation',
        label: 'Co-creation',
        definition: 'Evidence generated together with the people who will use it: communities, practitioners and researchers designing and carrying out the inquiry jointly.',
        cues: ['co-creation', 'co-created', 'cocreate', 'co-designed', 'participatory'],
        source: cite('§4.5', 'CLLEs have become synonymous with the co-creation of evidence'),
        example: '"involving the identified users of evidence in the research process is facilitative of its use" (§4.5)',
      },
      {
        id: 'local-generation',
        label: 'Local generation',
        definition: 'Evidence collected by local actors themselves (teachers, volunteers, parents, NGOs) for their own decisions: registers, local surveys, community monitoring.',
        cues: ['community-driven data collection', 'collected by', 'generate it', 'monitor progress'],
        source: cite('§4.3', 'local actors—such as teachers, community volunteers, parents, and NGOs—not only use evidence but also generate it'),
        example: '"Fellows and Community Education Volunteers (CEVs) routinely monitor progress using registers that track student attendance and academic outcomes" (Case Study 8, §4.2)',
      },
    ],
  },
  {
    id: 'condition',
    label: 'Enabler or barrier',
    description: 'Conditions that help or hinder evidence use (§4.7): code the passage that names one, whatever evidence it concerns.',
    multiple: true,
    tags: [
      {
        id: 'enabler',
        label: 'Enabler',
        definition: 'A condition that makes evidence use possible or more effective: a shared vision, trust, cross-sector engagement, collaborative leadership, feedback infrastructure, locally relevant evidence.',
        cues: ['shared vision', 'enabling conditions', 'collaborative leadership', 'cross-sector'],
        source: cite('§4.7', 'the conditions that enable a CLLE to thrive often pave the way for effective evidence use'),
        example: '"A shared vision for change is often the foundation of a successful CLLE as well as the bedrock of evidence-informed approaches." (§4.7)',
      },
      {
        id: 'barrier',
        label: 'Barrier',
        definition: 'A condition that stands in the way of evidence use: distrust of outside research, the political economy of evidence, lack of money or capacity, weak feedback systems, problems of scale.',
        cues: ['barrier', 'sceptical of external research', 'resource-intensive', 'institutional inertia'],
        source: cite('§4.7', 'the act of gathering, interpreting, and acting on evidence also raises unique challenges'),
        example: '"Sustained, comprehensive evidence collection is resource-intensive" (§4.7)',
      },
    ],
  },
  {
    id: 'uptake',
    label: 'Uptake',
    description: 'Whether evidence that is there gets used. The review warns of evidence left "static and underutilised" (§4.7); this dimension records it, since the forms of use cannot.',
    multiple: false,
    tags: [
      {
        id: 'unused',
        label: 'Evidence left unused',
        definition: 'Evidence that is collected or available but not acted on: filed reports, data nobody discusses, findings that never reach a decision.',
        cues: ['underutilised', 'not used', 'filed', 'not discussed'],
        source: cite('§4.7', 'evidence can become static and underutilised'),
        example: 'Without continuous feedback systems, "evidence can become static and underutilised, limiting the ability of CLLEs to respond effectively to emerging challenges" (§4.7)',
      },
    ],
  },
];

const extended: CodebookInput = {
  ...withCommunity,
  name: 'Evidence use in CLLEs: the default framework with community-based insight and the review\'s optional dimensions',
  dimensions: [...withCommunity.dimensions, ...OPTIONAL_DIMENSIONS],
};

export interface CodebookPreset {
  /** File name under presets/ and the name `init --preset` takes. */
  name: string;
  label: string;
  description: string;
  codebook: Codebook;
}

export const CODEBOOK_PRESETS: readonly CodebookPreset[] = [
  { name: 'default', label: 'Default framework', description: 'Four types of evidence, three forms of use, three levels (the review\'s Figures 2 and 3, Box 4)', codebook: DEFAULT_CODEBOOK },
  { name: 'clles-community', label: 'Default framework + community-based insight', description: 'Adds local knowledge and lived experience as a fifth type of evidence (§2.3, Box 5, Annex 2)', codebook: codebookSchema.parse(withCommunity) },
  { name: 'clles-review-extended', label: 'Community-based insight + the review\'s optional dimensions', description: 'Adds purpose (advocacy, validation, accountability), evidence generation, enablers and barriers, and uptake (§4.3–§5.3)', codebook: codebookSchema.parse(extended) },
];

export function findPreset(name: string): CodebookPreset | undefined {
  return CODEBOOK_PRESETS.find((p) => p.name === name || `${p.name}.json` === name);
}

/** The text of an evidence-codebook.json made from a preset. */
export function presetFileText(preset: CodebookPreset): string {
  return JSON.stringify(preset.codebook, null, 2) + '\n';
}
