export { BriefingsView } from './BriefingsView';
export { TemplatePanel } from './TemplatePanel';
