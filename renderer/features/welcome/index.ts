export { Welcome } from './Welcome';
export { shouldWelcome } from './first-run';
