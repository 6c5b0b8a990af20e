// Stable GUIDs: name-based UUIDs (v5) of what a thing is, so the same codebook exports the same ids every time.
import { v5 as uuidv5 } from 'uuid';

/** Evidence Tagger's own namespace for name-based UUIDs. */
const NAMESPACE = '6f1d2c9e-3b8a-4f57-9a0e-2f4c1d7b8e63';

export const guidFor = (...parts: string[]) => uuidv5(parts.join('\u0000'), NAMESPACE).toUpperCase();
