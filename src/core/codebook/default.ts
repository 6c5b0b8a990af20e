// The built-in codebook: the framework of Morales, Broadbent & Makokha (2025). Types of evidence follow its
// §4.2 and Figure 2 and forms of use its §4.3 and Figure 3 (both after Hayter & Broadbent, 2024); levels
// follow §4.4 and Box 4 (which cites Tseng, 2012, and Hayter & Morales, 2023). Definitions are our own
// words; each source quotes, word for word, the sentence of the review the definition rests on.
import { codebookSchema, type Codebook, type CodebookInput } from './schema';

const REVIEW = 'Morales, Broadbent & Makokha (2025), Evidence use in Community-led Learning Ecosystems, OTT Consulting for the Jacobs Foundation';
/** A source line: the review's section, the sources it names there, and the words the definition rests on. */
const cite = (where: string, quotation: string) => `${REVIEW}, ${where}: "${quotation}"`;

const input: CodebookInput = {
  name: 'Evidence use in education (default)',
  version: '2',
  source: REVIEW,
  dimensions: [
    {
      id: 'evidence',
      label: 'Type of evidence',
      description: 'What kind of evidence the passage rests on (the review, §4.2 and Figure 2, after Hayter & Broadbent, 2024). The four types overlap and initiatives usually combine them, so a passage may carry several.',
      multiple: true,
      tags: [
        {
          id: 'research',
          label: 'Research evidence',
          definition: 'Findings of formal, rigorous research: academic studies, systematic reviews, synthesis reports and evaluations of programmes, trials among them. It typically comes from universities and research organisations, but an evaluation run by an NGO with a research partner counts too.',
          aliases: ['research-evidence'],
          cues: ['systematic review', 'randomised', 'randomized', 'RCT', 'controlled trial', 'experimental evaluation', 'quasi-experimental', 'impact evaluation', 'evaluation results', 'academic studies', 'academic research', 'research findings', 'findings from our studies', 'synthesised reports', 'rigorous research', 'meta-analysis', 'peer-reviewed', 'literature review', 'research partner', 'academic institutions', 'research organisations', 'Child Outcome Study', 'J-PAL', 'study found', 'studies show', 'effect size', 'research evidence'],
          source: cite('§4.2 and Figure 2, after Hayter & Broadbent (2024)', 'This type of evidence includes academic studies, systematic reviews, and synthesised reports that guide decision-making based on rigorous research'),
          example: '"Building Tomorrow\'s Roots to Rise programme employs RCTs to assess the impact of the initiative\'s use of the TaRL adaptive teaching model in Uganda." (Case Study 10, §4.2)',
          color: { light: '#1f6fb2', dark: '#5aa9e6' },
        },
        {
          id: 'sector-data',
          label: 'Sector-generated data',
          definition: 'Data about the education system and its communities, wherever it sits and whoever analyses or even collects it (government or NGO): school-based assessments, surveys, EMIS and census figures, attendance, demographic and workforce data, and official documents such as policies, guidelines, internal reviews and plans. Results gathered into records and systems are sector data; what a teacher learns from a learner in class is pedagogical evidence.',
          aliases: ['sector'],
          cues: ['sector-generated data', 'EMIS', 'census', 'national survey', 'household survey', 'enrolment rates', 'enrollment rates', 'attendance data', 'student attendance', 'registers', 'demographic data', 'workforce data', 'administrative data', 'school-based assessments', 'national standards', 'official policies', 'guidelines', 'internal reviews', 'planning documents', 'management information systems', 'test scores', 'exam results', 'national assessment', 'dropout rates', 'government data', 'school records', 'baseline data', 'statistics', 'data dashboards'],
          source: cite('§4.2 and Figure 2, after Hayter & Broadbent (2024)', 'Sector-generated data includes information collected from school-based assessments, surveys, and national education management information systems (EMIS)'),
          example: '"Building Tomorrow leverages sector-generated data by analyzing national surveys and census outputs to identify regions with low school enrollment rates" (Case Study 8, §4.2)',
          color: { light: '#2e8540', dark: '#6cc17e' },
        },
        {
          id: 'pedagogical',
          label: 'Pedagogical evidence',
          definition: 'What teaching itself shows, in classrooms and schools, about how practice works for learners: classroom observation, teachers\' reflection, learners\' performance and feedback, formative assessment used to adjust teaching. It is gathered continuously and in real time, and easily overlooked. Once assessment results are collected into school or national data, they are sector-generated data.',
          aliases: ['pedagogic'],
          cues: ['pedagogical evidence', 'pedagogic evidence', 'classroom observation', 'formative assessment', 'reflective practice', 'teacher reflections', 'learner feedback', 'learner performance', 'learner assessment', 'learning levels', 'adapt teaching', 'teaching strategies', 'teaching practice', 'classroom practice', 'Teaching at the Right Level', 'TaRL', 'learning through play', 'differentiated learning', 'personalised learning', 'learner engagement', 'classroom-generated evidence', 'lesson observation', 'in the classroom', 'student work'],
          source: cite('§4.2 and Figure 2, after Hayter & Broadbent (2024)', 'This type of evidence is typically generated through classroom observations, reflective practice, learner performance and feedback'),
          example: 'TaRL and learning through play are "continuously adapted based on learner assessment and teacher reflections" (§4.2)',
          color: { light: '#b35c00', dark: '#f0a04b' },
        },
        {
          id: 'practice',
          label: 'Practice-informed advice',
          definition: 'The knowledge, skills and experience of trusted professionals and local leaders, passed on as advice: in capacity building, peer-learning networks, mentoring schemes, advisory groups and programme evaluations. Educators tend to trust what comes from peers they know and respect.',
          aliases: ['practice-informed', 'advice'],
          cues: ['practice-informed', 'practice-based', 'peer learning', 'peer-learning networks', 'learning networks', 'knowledge networks', 'mentoring', 'mentor', 'coaches', 'advisory group', 'trusted professionals', 'practical advice', 'practice-based insights', 'respected peers', 'known peers', 'experience of local leaders', 'local practitioners', 'practitioner feedback', 'practitioner knowledge', 'on-the-ground knowledge', 'community of practice', 'professional learning community', 'capacity building', 'expertise', 'experienced teachers', 'learn from each other', 'share experiences'],
          source: cite('§4.2 and Figure 2, after Hayter & Broadbent (2024)', 'Practice-informed evidence draws on the knowledge, skills, and experience of trusted professionals with expertise in a particular field'),
          example: '"Building Tomorrow\'s community-centered approach integrates the experience of local leaders, who provide practical advice and help mobilize communities." (Case Study 9, §4.2)',
          color: { light: '#7b3fa0', dark: '#c08ae0' },
        },
      ],
    },
    {
      id: 'use',
      label: 'Form of evidence use',
      description: 'How the evidence in the passage is used (the review, §4.3 and Figure 3). Figure 3 draws transparent use at the individual level and the other two at the organisational level; that is the figure\'s layout, not a rule: each form occurs at every level, so record the level separately. A passage may show more than one form.',
      multiple: true,
      tags: [
        {
          id: 'transparent',
          label: 'Transparent (conceptual) use',
          definition: 'Evidence that raises awareness, frames an issue or deepens understanding, informing dialogue or, indirectly, thinking and longer-term policy, without necessarily prompting an immediate action. Hayter & Broadbent (2024) call it conceptual use. Transparent and instrumental use can go together.',
          aliases: ['conceptual'],
          cues: ['raise awareness', 'raising awareness', 'raised awareness', 'build awareness', 'deepen understanding', 'increase understanding', 'building insight', 'shift how they perceive', 'reframed the conversation', 'framing issues', 'informed conversations', 'informing dialogue', 'inclusive dialogue', 'contextualise the problem', 'highlight the importance', 'sharing findings', 'conceptual use', 'shape thinking', 'influence broader conversations'],
          source: cite('§4.3 and Figure 3, after Hayter & Broadbent (2024)', 'Transparent use of evidence focuses on raising awareness, framing issues, and deepening understanding without necessarily prompting immediate action'),
          example: '"By sharing findings from our studies, we raise awareness and shift how they perceive the importance of early years education." (Smart Start, §4.3)',
          color: { light: '#4a5fc1', dark: '#8f9ff0' },
        },
        {
          id: 'instrumental',
          label: 'Instrumental use',
          definition: 'Evidence applied directly to a particular decision, policy or challenge, changing what is done: a programme, a curriculum, a target, an intervention. The passage should show the decision the evidence led to, not only a finding or a recommendation.',
          aliases: ['direct'],
          cues: ['prompting a curriculum revision', 'curriculum revision', 'used this insight to', 'adjust the curriculum', 'curriculum adjustments', 'adapting curriculum', 'based on this', 'strategically target', 'co-designed interventions', 'identify regions', 'guide decisions', 'inform policies', 'real-time adjustments', 'informs teaching models', 'led to curriculum', 'decided to', 'redesigned', 'allocate resources', 'targeted changes', 'to address gender disparities', 'program changes', 'programme changes'],
          source: cite('§4.3 and Figure 3, citing Goldman & Pabari (2021)', 'Instrumental use of evidence involves directly applying research or data to guide decisions, inform policies, or address specific challenges'),
          example: '"Data revealed that children could read familiar words but struggled with unfamiliar ones. We used this insight to adjust the curriculum, focusing on phonetics to improve decoding skills." (Luminos Fund, §4.3)',
          color: { light: '#c0392b', dark: '#f07a6c' },
        },
        {
          id: 'embedded',
          label: 'Embedded (process) use',
          definition: 'Evidence built into the routines of an organisation or system, used regularly and systematically to monitor, adapt and refine: feedback loops, coaching systems, monitoring cycles. The passage should show a standing process, not a one-off use and not merely the word "embedded".',
          aliases: ['process'],
          cues: ['feedback loop', 'continuously collected', 'continuously', 'routinely monitor', 'routinely', 'regularly', 'systematically', 'institutionalisation', 'institutionalising', 'ongoing decision-making', 'ongoing adaptation', 'continuous adaptation', 'continuous improvement', 'coaching system', 'monitoring system', 'ongoing support', 'organisational routines', 'iterative feedback', 'every term', 'each year', 'built into'],
          source: cite('§4.3 and Figure 3, citing Rinnert & Brower (2017) and Goldman & Pabari (2021)', 'Embedded use refers to the systematic integration of evidence into ongoing processes and decision-making frameworks'),
          example: '"Our coaching system ensures that feedback is continuously collected and integrated into our program design." (Smart Start, §4.3)',
          color: { light: '#138d8d', dark: '#4fd1c5' },
        },
      ],
    },
    {
      id: 'level',
      label: 'Level of use',
      description: 'Where the evidence use happens (the review, §4.4 and Box 4, citing Tseng, 2012, and Hayter & Morales, 2023). The three levels are interlinked; any form of use can occur at any of them.',
      multiple: true,
      tags: [
        {
          id: 'individual',
          label: 'Individual (micro)',
          definition: 'Use that shapes the attitudes and behaviour of particular people: government officials, teachers, school leaders, parents and learners.',
          aliases: ['micro'],
          cues: ['adapt classroom practices', 'parents as decision-makers', 'government officials', 'attitudes and behaviours', 'how they perceive'],
          source: cite('§4.4, Box 4', 'At the individual (micro) level, evidence informs attitudes and behaviours of actors such as government officials, teachers, school leaders, parents, and learners'),
          example: 'Formative assessment approaches "enable teachers to adapt classroom practices to meet learners\' needs" (Box 4, §4.4)',
          color: { light: '#6b7280', dark: '#b0b7c3' },
        },
        {
          id: 'organisational',
          label: 'Organisational (meso)',
          definition: 'Collective, structured use inside an organisation (an NGO, a school, a foundation, a local office) for its decisions: funding, programme design, strategy and pedagogical approaches.',
          aliases: ['meso', 'organizational'],
          cues: ['program design', 'programme design', 'pedagogical approaches', 'our program', 'our programme', 'refine their interventions'],
          source: cite('§4.4, Box 4', 'At the organisational (meso) level, evidence is used collectively in a more structured way to inform decision-making, including funding, program design, strategies, and pedagogical approaches'),
          example: '"the EEF\'s Teaching and Learning Toolkit supports organisations in collecting, analysing, and adapting evidence to improve effectiveness" (Box 4, §4.4)',
          color: { light: '#8a6d3b', dark: '#d4b483' },
        },
        {
          id: 'system',
          label: 'System (macro)',
          definition: 'Use in the processes, norms and values that shape how individuals and organisations interact across the wider education system: ministries, national frameworks, policy across many organisations.',
          aliases: ['macro'],
          cues: ['Ministry of Education', 'ministries of education', 'national framework', 'policy reform', 'norms, and values'],
          source: cite('§4.4, Box 4', 'At the system (macro) level, evidence use reflects the processes, norms, and values that shape how individuals and organisations interact'),
          example: '"This local evidence didn\'t just help our program—it also informed conversations with the Ministry of Education about phonics integration." (Luminos Fund, Box 5, §4.5)',
          color: { light: '#374151', dark: '#d1d5db' },
        },
      ],
    },
  ],
};

/** The built-in codebook, already validated (a test checks that parsing it succeeds). */
export const DEFAULT_CODEBOOK: Codebook = codebookSchema.parse(input);
