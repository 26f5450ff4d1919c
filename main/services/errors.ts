/**
 * A refusal the analyst should read: its message says what happened and what to do.
 * Anything else a service throws is treated as a bug and logged.
 */
export class ServiceError extends Error {
  override name = 'ServiceError';
}
