import { describe, expect, it } from 'vitest';
import type { CommandId } from '../../shared/commands/registry';
import { dispatch } from '../../main/ipc/dispatch';
import { realHandlerTable } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

describe('the menu state the renderer reports', () => {
  it('reaches the desktop menu with the commands to grey out', async () => {
    const heard: (readonly CommandId[])[] = [];
    const table = await realHandlerTable(await tempFolder(), { menuState: (ids) => heard.push(ids) });
    expect(await dispatch(table, 'setMenuState', [{ disabled: ['undo', 'annotation:new'] }])).toEqual({
      ok: true,
      value: { applied: true },
    });
    expect(heard).toEqual([['undo', 'annotation:new']]);
  });

  it('is answered but applies to nothing where there is no menu (the browser preview)', async () => {
    const table = await realHandlerTable(await tempFolder());
    expect(await dispatch(table, 'setMenuState', [{ disabled: [] }])).toEqual({ ok: true, value: { applied: false } });
  });

  it('refuses a name that is not a command of the registry', async () => {
    const heard: (readonly CommandId[])[] = [];
    const table = await realHandlerTable(await tempFolder(), { menuState: (ids) => heard.push(ids) });
    expect(await dispatch(table, 'setMenuState', [{ disabled: ['undo', 'format-disk'] }])).toMatchObject({ ok: false });
    expect(heard).toEqual([]);
  });
});
