/**
 * Whether this browser profile (this installation) has had its welcome: kept in localStorage, the UI's own
 * state, not the workspace's — a restore or a merge does not bring the welcome back.
 */
const SHOWN_KEY = 'analyst-workbench.welcome-shown';

/** True the first time the workbench starts here (then never again by itself: Help › Welcome reopens it). */
export function shouldWelcome(): boolean {
  try {
    if (localStorage.getItem(SHOWN_KEY)) return false;
    localStorage.setItem(SHOWN_KEY, new Date().toISOString());
    return true;
  } catch {
    // Storage refused (a locked-down profile): no welcome rather than one at every start.
    return false;
  }
}
