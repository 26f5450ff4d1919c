import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomically } from './atomic-file';

export const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 860, maximized: false };

/**
 * Keeps a remembered window where the analyst can reach it: if its title bar no longer falls on any
 * display (a monitor was unplugged), it is re-centred on the primary display and shrunk to fit.
 */
export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const width = Math.min(state.width, primary.width);
  const height = Math.min(state.height, primary.height);
  if (state.x !== undefined && state.y !== undefined) {
    const { x, y } = state;
    const titleBarVisible = workAreas.some(
      (a) => x + 100 > a.x && x + 100 < a.x + a.width && y + 10 >= a.y && y + 10 < a.y + a.height,
    );
    if (titleBarVisible)
      return {
        ...state,
        width: Math.min(state.width, Math.max(...workAreas.map((a) => a.width))),
        height: Math.min(state.height, Math.max(...workAreas.map((a) => a.height))),
      };
  }
  return {
    maximized: state.maximized,
    width,
    height,
    x: Math.round(primary.x + (primary.width - width) / 2),
    y: Math.round(primary.y + (primary.height - height) / 2),
  };
}

export async function readWindowState(file: string): Promise<WindowState> {
  try {
    const parsed = WindowState.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function writeWindowState(file: string, state: WindowState): Promise<void> {
  return writeFileAtomically(file, JSON.stringify(state, null, 2));
}
