import { describe, expect, it } from 'vitest';
import type { MenuStateValue } from '../../shared/ipc';
import { dispatch } from '../../main/ipc/dispatch';
import { realHandlerTable } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
type MenuStateHeard = MenuStateValue;

describe('the menu state the renderer reports', () => {
  it('reaches the desktop menu with the commands to grey out and the settings to check', async () => {
    const heard: MenuStateHeard[] = [];
    const table = await realHandlerTable(await tempFolder(), { menuState: (state) => heard.push(state) });
    expect(
      await dispatch(table, 'setMenuState', [{ disabled: ['undo', 'annotation:new'], checked: ['reader:whole-text'] }]),
    ).toEqual({
      ok: true,
      value: { applied: true },
    });
    // A renderer that names no settings checks none.
    await dispatch(table, 'setMenuState', [{ disabled: [] }]);
    expect(heard).toEqual([
      { disabled: ['undo', 'annotation:new'], checked: ['reader:whole-text'] },
      { disabled: [], checked: [] },
    ]);
  });

  it('carries the words of the interface’s language to the menu, and refuses words for what the registry lacks', async () => {
    const heard: MenuStateHeard[] = [];
    const table = await realHandlerTable(await tempFolder(), { menuState: (state) => heard.push(state) });
    const words = {
      menus: { file: '&Файл', edit: '&Правка', view: '&Вид', help: '&Справка' },
      commands: { undo: 'Отменить', 'refi-qda:import': 'Импорт проекта REFI-QDA…' },
      roles: { cut: 'Вырезать', toggleDevTools: 'Инструменты разработчика', close: 'Закрыть окно' },
      recentExports: 'Недавний экспорт',
      noRecentExports: 'Экспорта пока не было',
      clearRecent: 'Очистить список',
    };
    expect(await dispatch(table, 'setMenuState', [{ disabled: [], words }])).toEqual({
      ok: true,
      value: { applied: true },
    });
    expect(heard).toEqual([{ disabled: [], checked: [], words }]);
    expect(
      await dispatch(table, 'setMenuState', [
        { disabled: [], words: { commands: { 'format-disk': 'Форматировать' } } },
      ]),
    ).toMatchObject({ ok: false });
    expect(await dispatch(table, 'setMenuState', [{ disabled: [], words: { menus: { file: '' } } }])).toMatchObject({
      ok: false,
    });
    expect(heard).toHaveLength(1);
  });

  it('is answered but applies to nothing where there is no menu (the browser preview)', async () => {
    const table = await realHandlerTable(await tempFolder());
    expect(await dispatch(table, 'setMenuState', [{ disabled: [] }])).toEqual({ ok: true, value: { applied: false } });
  });

  it('refuses a name that is not a command of the registry', async () => {
    const heard: MenuStateHeard[] = [];
    const table = await realHandlerTable(await tempFolder(), { menuState: (state) => heard.push(state) });
    expect(await dispatch(table, 'setMenuState', [{ disabled: ['undo', 'format-disk'] }])).toMatchObject({ ok: false });
    expect(await dispatch(table, 'setMenuState', [{ disabled: [], checked: ['format-disk'] }])).toMatchObject({
      ok: false,
    });
    expect(heard).toEqual([]);
  });
});
