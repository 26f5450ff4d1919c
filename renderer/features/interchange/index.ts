// The interchange feature's public face: what the app mounts.
export { Interchange } from './Interchange';
