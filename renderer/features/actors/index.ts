export { ActorsView } from './ActorsView';
