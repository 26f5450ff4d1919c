import type { WorkspaceSnapshot } from '../../../shared/interop/workspace-snapshot';
import { useWorkbench } from '../../stores';

export { MergeDialog } from './MergeDialog';
/** The Mine / Theirs / Both list, also used for team-sync conflicts (features/team). */
export { ConflictList } from './ConflictList';

/**
 * Opens the Merge dialog on a colleague's workspace (a validated backup). Callable from anywhere —
 * a menu command, the backup feature — outside React too.
 */
export function startMerge(snapshot: WorkspaceSnapshot, colleague?: string, file?: string): void {
  useWorkbench.getState().startMerge(snapshot, colleague, file);
}
