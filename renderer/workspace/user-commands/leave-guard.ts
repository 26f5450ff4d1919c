/**
 * Before a command takes the analyst elsewhere (another view), typed input that is not saved yet may
 * need a "Discard …?" answer. The guard lives with the forms (ui/useUnsavedGuard), above
 * this layer, so the app hands it in at start (App.tsx); until then, and in tests, going on is fine.
 */
type ConfirmLeave = () => Promise<boolean>;

let confirmLeave: ConfirmLeave = () => Promise.resolve(true);

export function setLeaveGuard(confirm: ConfirmLeave): void {
  confirmLeave = confirm;
}

/** Runs `go` unless the analyst chooses to keep editing. */
export function leaveThen(go: () => void): void {
  void confirmLeave().then((ok) => ok && go());
}
