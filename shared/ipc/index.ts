export * from './channels';
export * from './contract';
export * from './result';
export type { WorkbenchApi } from './api';
