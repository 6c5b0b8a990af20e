// Codebook presets: the default framework plus optional dimensions for what the review describes but the
// default four-by-three cannot hold. Written to presets/*.json by the build; a folder adopts one by copying
// it to evidence-codebook.json. Quotations are the review's own words (Morales, Broadbent & Makokha, 2025).
import { DEFAULT_CODEBOOK } from './default';
import { codebookSchema, type Codebook, type CodebookInput } from './schema';

const REVIEW = 'Morales, Broadbent & Makokha (2025)';
const cite = (where: string, quotation: string) => `${REVIEW}, ${where}: "${quotation}"`;

const OPTIONAL_DIMENSIONS: CodebookInput['dimensions'] = [
  {
    id: 'insight',
    label: 'Community-based insight',
    description: 'Local knowledge and lived experience offered as evidence, which the review treats as evidence in its own right (§1.1, §2.3, Box 5; "Community-Based Insights" in Annex 2) and which none of the four default types quite covers.',
    multiple: true,
    tags: [
      {
        id: 'local-knowledge',
        label: 'Local knowledge',
        definition: 'What a community knows about its own context, priorities and needs, brought in as evidence: community members defining indicators, local leaders explaining what works in their setting.',
        cues: ['local knowledge', 'community-driven', 'defining their own indicators', 'local priorities'],
        source: cite('§2.3', 'these ecosystems elevate local knowledge and lived experience as valuable forms of evidence'),
        example: '"Our approach centres around the communities themselves defining their own indicators of success, using evidence that they\'ve generated to steer their interventions." (Firelight Foundation, Box 5)',
      },
      {
        id: 'lived-experience',
        label: 'Lived experience',
        definition: 'The experience of learners, families and educators, told in their own words (stories, testimony, narrative accounts), used as evidence of what an initiative means to them.',
        cues: ['lived experience', 'personal stories', 'narrative-based evidence'],
        source: cite('§1.1', 'valuable expertise can come from everyday lived experiences as well as more formal academic inquiry'),
        example: 'Stories help Remake Learning "to capture the lived experiences of learners and educators" (§4.6)',
      },
    ],
  },
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
  ...DEFAULT_CODEBOOK,
  name: 'Evidence use in CLLEs: the default framework with the review\'s optional dimensions',
  dimensions: [...DEFAULT_CODEBOOK.dimensions, ...OPTIONAL_DIMENSIONS],
};

/** Presets by file name (under presets/). */
export const CODEBOOK_PRESETS: Record<string, Codebook> = {
  'clles-review-extended.json': codebookSchema.parse(extended),
};
