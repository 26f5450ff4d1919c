/** Team sync through the institute's CouchDB server (issue 20): Settings › Team and the status bar's word on it. */
export { TeamPanel } from './TeamPanel';
export { TeamStatus } from './TeamStatus';
