export * from './channels';
export * from './contract';
export * from './result';
export type { TextRequest, WorkbenchApi } from './api';
