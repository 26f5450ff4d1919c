// The annotations feature's public face: what other features may use of it.
export { AnnotationEditor } from './AnnotationEditor';
export { AnnotationList, LinkChips, linkSummary, TagChips } from './AnnotationList';
export { Codebook } from './Codebook';
export { ReviewQueue, WordChanges } from './ReviewQueue';
export { useLookups, type Lookups } from './useLookups';
export { exportAnnotations, importAnnotations } from './web-annotation-files';
