export * from './schema';
export * from './default';
export * from './load';
export * from './lookup';
export * from './presets';
export * from './refactor';
