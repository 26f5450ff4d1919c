import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  readWindowState,
  writeWindowState,
} from '../../main/services/window-state';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const external = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window state', () => {
  it('keeps a window that is on a display', () => {
    const state = { x: 1600, y: 100, width: 1800, height: 1000, maximized: false };
    expect(fitToDisplays(state, [laptop, external])).toEqual(state);
  });

  it('brings back a window whose display was unplugged, centred and fitted', () => {
    const fitted = fitToDisplays({ x: 1600, y: 100, width: 1800, height: 1000, maximized: true }, [laptop]);
    expect(fitted).toEqual({ x: 0, y: 0, width: 1440, height: 900, maximized: true });
  });

  it('centres a first window', () => {
    expect(fitToDisplays(DEFAULT_WINDOW_STATE, [laptop])).toEqual({ ...DEFAULT_WINDOW_STATE, x: 40, y: 20 });
  });

  it('survives a round trip and ignores a damaged file', async () => {
    const dir = await tempFolder();
    const file = join(dir, 'window-state.json');
    expect(await readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    await writeWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: false });
    expect(await readWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    await writeFile(file, '{"width": "huge"');
    expect(await readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
