export * from './model';
export * from './csv';
export * from './json';
export * from './refi';
export * from './html';
export * from './import';
export * from './codedDocument';
export * from './projectImport';
