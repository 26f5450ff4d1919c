export * from './format';
export * from './naming';
export * from './parts';
export * from './records';
export * from './validate';
