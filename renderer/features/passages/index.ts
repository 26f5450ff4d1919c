export { PassagesView } from './PassagesView';
export { citation } from './citation';
