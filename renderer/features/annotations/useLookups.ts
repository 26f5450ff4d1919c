import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import type { Tag } from '../../../shared/domain/annotation';
import type { Country } from '../../../shared/domain/country';
import type { Threat } from '../../../shared/domain/threat';
import { db } from '../../db';
import type { PickerOption } from '../../ui/MultiPicker';

export interface Lookups {
  tags: Map<string, Tag>;
  threats: Map<string, Threat>;
  actors: Map<string, Actor>;
  countries: Map<string, Country>;
  tagOptions: PickerOption[];
  threatOptions: PickerOption[];
  actorOptions: PickerOption[];
  countryOptions: PickerOption[];
}

/**
 * The codebook and the things a passage can be linked to, live from the database. Views that do not
 * link passages to threats pass `{ threats: false }`, so a large register is not re-read on every edit.
 */
export function useLookups(options: { threats?: boolean } = {}): Lookups | undefined {
  const withThreats = options.threats ?? true;
  const data = useLiveQuery(
    async () => ({
      tags: await db.tags.toArray(),
      threats: withThreats ? await db.threats.toArray() : [],
      actors: await db.actors.orderBy('name').toArray(),
      countries: await db.countries.orderBy('name').toArray(),
    }),
    [withThreats],
  );
  return useMemo(() => {
    if (!data) return undefined;
    const tags = new Map(data.tags.map((t) => [t.id, t]));
    const tagPath = (tag: Tag): string => {
      const parent = tag.parentId ? tags.get(tag.parentId) : undefined;
      return parent ? `${tagPath(parent)} › ${tag.name}` : tag.name;
    };
    return {
      tags,
      threats: new Map(data.threats.map((t) => [t.id, t])),
      actors: new Map(data.actors.map((a) => [a.id, a])),
      countries: new Map(data.countries.map((c) => [c.code, c])),
      tagOptions: data.tags
        .map((t) => ({ id: t.id, label: t.name, keywords: t.parentId ? tagPath(t) : '', color: t.color }))
        .sort((a, b) => a.label.localeCompare(b.label)),
      threatOptions: data.threats
        .map((t) => ({ id: t.id, label: t.title, keywords: t.category }))
        .sort((a, b) => a.label.localeCompare(b.label)),
      actorOptions: data.actors.map((a) => ({ id: a.id, label: a.name, keywords: a.aliases.join(', ') })),
      countryOptions: data.countries.map((c) => ({ id: c.code, label: c.name, keywords: c.code })),
    };
  }, [data]);
}
