export * from './format';
export * from './naming';
export * from './records';
export * from './validate';
