export { RegisterView } from './RegisterView';
