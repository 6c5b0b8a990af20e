export * from './codebook';
export * from './attributes';
export * from './passage';
export * from './parse';
export * from './text';
export * from "./tally";
export * from "./records";
export * from "./edits";
