// The built-in codebook: the framework of Morales, Broadbent & Makokha (2025), after Hayter & Broadbent (2024).
// Definitions are our own summaries of the review's Figure 2, Figure 3 and Box 4.
import { codebookSchema, type Codebook, type CodebookInput } from './schema';

const REVIEW = 'Morales, Broadbent & Makokha (2025), Evidence use in Community-led Learning Ecosystems, OTT Consulting for the Jacobs Foundation';
const after = (part: string) => `${REVIEW}, ${part}; building on Hayter & Broadbent (2024)`;

const input: CodebookInput = {
  name: 'Evidence use in education (default)',
  version: '1',
  source: REVIEW,
  dimensions: [
    {
      id: 'evidence',
      label: 'Type of evidence',
      description: 'What kind of evidence the passage rests on. The four types overlap and are often combined.',
      multiple: true,
      tags: [
        {
          id: 'research',
          label: 'Research evidence',
          definition: 'Findings produced through formal research by universities and research organisations: academic studies, systematic reviews, synthesis reports and programme evaluations, randomised controlled trials among them.',
          aliases: ['research-evidence'],
          cues: ['study', 'studies', 'systematic review', 'evaluation', 'randomised', 'RCT', 'meta-analysis', 'researchers found', 'literature'],
          source: after('Figure 2 (types of evidence)'),
          example: 'A randomised evaluation found that structured pedagogy raised reading scores.',
          color: { light: '#1f6fb2', dark: '#5aa9e6' },
        },
        {
          id: 'sector-data',
          label: 'Sector-generated data',
          definition: 'Data and documents that the education sector produces about itself: school assessments, surveys, EMIS and census figures, attendance, demographic and workforce records, as well as official policies, guidelines, internal reviews and plans.',
          aliases: ['data', 'sector'],
          cues: ['data', 'survey', 'EMIS', 'census', 'attendance', 'enrolment', 'assessment results', 'policy', 'guidelines', 'statistics'],
          source: after('Figure 2 (types of evidence)'),
          example: 'District attendance records showed girls missing school during harvest months.',
          color: { light: '#2e8540', dark: '#6cc17e' },
        },
        {
          id: 'pedagogical',
          label: 'Pedagogical evidence',
          definition: 'What classroom and school practice shows about teaching and how learners respond to it: classroom observation, teachers\' reflection on their practice, learner performance and feedback, and formative assessment.',
          aliases: ['pedagogic'],
          cues: ['classroom', 'observation', 'lesson', 'formative assessment', 'learner feedback', 'reflective practice', 'pupils', 'students responded'],
          source: after('Figure 2 (types of evidence)'),
          example: 'Watching her pupils stumble over new words, the teacher changed how she introduced vocabulary.',
          color: { light: '#b35c00', dark: '#f0a04b' },
        },
        {
          id: 'practice',
          label: 'Practice-informed advice',
          definition: 'The knowledge, skills and experience of trusted professionals, passed on through peer-learning networks, mentoring, coaching and advisory groups; educators tend to trust peers they know.',
          aliases: ['practice-informed', 'advice'],
          cues: ['peer', 'mentor', 'coaching', 'network', 'colleagues', 'advisory group', 'experience', 'community of practice'],
          source: after('Figure 2 (types of evidence)'),
          example: 'A head teacher from a neighbouring school coached staff on running reading circles.',
          color: { light: '#7b3fa0', dark: '#c08ae0' },
        },
      ],
    },
    {
      id: 'use',
      label: 'Form of evidence use',
      description: 'How the evidence in the passage is being used.',
      multiple: true,
      tags: [
        {
          id: 'transparent',
          label: 'Transparent (conceptual) use',
          definition: 'Evidence that changes how people understand or frame an issue and feeds dialogue, without leading to an immediate action or decision.',
          aliases: ['conceptual'],
          cues: ['awareness', 'understanding', 'framing', 'dialogue', 'informed the debate', 'shed light'],
          source: after('Figure 3 (forms of evidence use)'),
          level: 'individual',
          example: 'Sharing the study findings raised awareness among parents of why early reading matters.',
          color: { light: '#4a5fc1', dark: '#8f9ff0' },
        },
        {
          id: 'instrumental',
          label: 'Instrumental use',
          definition: 'Evidence that directly shapes a particular decision, policy or change to a programme.',
          aliases: ['direct'],
          cues: ['decided', 'decision', 'led to', 'changed the programme', 'adopted', 'redesigned'],
          source: after('Figure 3 (forms of evidence use)'),
          level: 'organisational',
          example: 'Because the data showed low attendance, the district moved classes to the afternoon.',
          color: { light: '#c0392b', dark: '#f07a6c' },
        },
        {
          id: 'embedded',
          label: 'Embedded (process) use',
          definition: 'Evidence used routinely and systematically as part of ongoing decision-making, through feedback loops, coaching systems or monitoring.',
          aliases: ['process'],
          cues: ['routinely', 'systematically', 'feedback loop', 'monitoring', 'every term', 'continuous improvement'],
          source: after('Figure 3 (forms of evidence use)'),
          level: 'organisational',
          example: 'Every term, teachers review assessment results with their coach and adjust lesson plans.',
          color: { light: '#138d8d', dark: '#4fd1c5' },
        },
      ],
    },
    {
      id: 'level',
      label: 'Level of use',
      description: 'Where the evidence use happens.',
      multiple: true,
      tags: [
        {
          id: 'individual',
          label: 'Individual (micro)',
          definition: 'Use that shows in the attitudes and behaviour of single people: teachers, parents, learners or officials.',
          aliases: ['micro'],
          cues: ['teacher', 'parent', 'learner', 'official', 'individual'],
          source: after('Box 4 (levels of evidence use)'),
          example: 'A mother began reading with her son each evening after a workshop.',
          color: { light: '#6b7280', dark: '#b0b7c3' },
        },
        {
          id: 'organisational',
          label: 'Organisational (meso)',
          definition: 'Structured, collective use within an organisation, for instance in funding, programme design or strategy.',
          aliases: ['meso', 'organizational'],
          cues: ['organisation', 'NGO', 'programme design', 'strategy', 'funding', 'school leadership'],
          source: after('Box 4 (levels of evidence use)'),
          example: 'The NGO rewrote its strategy around the evaluation\'s findings.',
          color: { light: '#8a6d3b', dark: '#d4b483' },
        },
        {
          id: 'system',
          label: 'System (macro)',
          definition: 'Use in the processes, norms and values that govern how individuals and organisations work together across a system.',
          aliases: ['macro'],
          cues: ['system', 'national', 'norms', 'ministry', 'policy framework', 'ecosystem'],
          source: after('Box 4 (levels of evidence use)'),
          example: 'The ministry made community data reviews part of every district\'s planning cycle.',
          color: { light: '#374151', dark: '#d1d5db' },
        },
      ],
    },
  ],
};

/** The built-in codebook, already validated (a test checks that parsing it succeeds). */
export const DEFAULT_CODEBOOK: Codebook = codebookSchema.parse(input);
