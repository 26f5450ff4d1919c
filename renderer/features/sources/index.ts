export { SourcesView } from './SourcesView';
export { filesFromList, importFiles } from './importing';
