export { positionConverter, type PositionConverter } from './positions';
export {
  fromRefiQdaProject,
  RefiQdaError,
  type QdaCode,
  type QdaPassage,
  type QdaProject,
  type QdaSource,
  type QdaUser,
} from './read';
export { LINK_PARENTS, QDA_NAMESPACE, countryGuid, countryOfGuid, type LinkKind } from './vocabulary';
export { toRefiQdaProject, type RefiQdaExportInput, type RefiQdaPackage } from './write';
