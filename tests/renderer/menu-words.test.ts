// The desktop menu speaks the interface's language: main builds it from the registry in English before
// the window has a language, and the renderer sends it the words of its catalogues (useMenuState), once
// per language. Electron itself does not run here; the model main turns into Electron's template does.
import { afterEach, describe, expect, it } from 'vitest';
import { applicationMenuModel, plainLabel, type TopMenuModel } from '../../shared/commands/menu-model';
import { COMMAND_IDS, USER_COMMANDS } from '../../shared/commands/registry';
import { applyLanguage, CATALOGUES, commandTitle } from '../../renderer/i18n';
import { menuWords } from '../../renderer/app/useMenuState';

afterEach(() => applyLanguage('en'));

const OPTIONS = { isMac: false, hasErrorLog: true, withDevTools: true };

/** Every label a Windows or Linux analyst reads in the menu bar and its menus (roles with a label of ours). */
function labels(model: TopMenuModel[]): string[] {
  return model.flatMap((top) => [
    plainLabel(top.label),
    ...top.items.flatMap((item) => ('label' in item && item.label ? [plainLabel(item.label)] : [])),
  ]);
}

describe('the desktop menu in the interface language', () => {
  it('is word for word the registry’s English in an English interface', () => {
    const words = menuWords();
    const english = applicationMenuModel({ ...OPTIONS, words });
    const registry = applicationMenuModel(OPTIONS);
    // Roles keep Electron's own labels without words; with them, the same names the shortcut sheet uses.
    const withoutRoleLabels = english.map((top) => ({
      ...top,
      items: top.items.map((item) => (item.type === 'role' ? { type: 'role' as const, role: item.role } : item)),
    }));
    expect(withoutRoleLabels).toEqual(registry);
    expect(labels(english)).toContain('File');
    expect(labels(english)).toContain('Zoom in');
  });

  it('is Russian in a Russian interface: menus with their mnemonics, commands, native items and Recent Exports', async () => {
    await applyLanguage('ru');
    const words = menuWords();
    const model = applicationMenuModel({ ...OPTIONS, words });
    expect(model.map((top) => top.label)).toEqual(['&Файл', '&Правка', '&Вид', '&Справка']);
    const said = labels(model);
    expect(said).toContain('Недавний экспорт');
    expect(said).toContain('Вырезать');
    expect(said).toContain('Настройки…');
    expect(words.noRecentExports).toBe('Экспорта пока не было');
    // Nothing left in English but the names a Russian menu keeps (the product, formats, standards).
    const kept = /Analyst Workbench|STIX|CSV|W3C|REFI-QDA|\.docx|\.qdpx|JSON-LD|BibTeX|RIS|CSL|Zotero|PDF/g;
    for (const label of said) expect(label.replace(kept, ''), label).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('has every command of the registry titled in English and Russian, so neither the menu nor the palette falls back', async () => {
    for (const id of COMMAND_IDS) {
      expect(CATALOGUES.en.commands, id).toHaveProperty([id]);
      expect(CATALOGUES.ru.commands, id).toHaveProperty([id]);
    }
    // The English catalogue says what the registry says.
    for (const id of COMMAND_IDS) expect(commandTitle(id, USER_COMMANDS[id].title), id).toBe(USER_COMMANDS[id].title);
  });
});
