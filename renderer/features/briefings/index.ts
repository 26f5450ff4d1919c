export { BriefingsView } from './BriefingsView';
