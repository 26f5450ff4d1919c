/**
 * What the workbench's REFI-QDA files share between writing and reading: the namespace, the three parent
 * codes that carry a passage's links to threats, countries and actors (QDA programs have no such things,
 * so they travel as codes any program shows and keeps), and how a country's code becomes a GUID.
 */
export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';

export type LinkKind = 'threat' | 'country' | 'actor';

/** Fixed GUIDs, so a file the workbench wrote is recognised when it comes back, whatever a program renamed. */
export const LINK_PARENTS: Readonly<Record<LinkKind, { guid: string; name: string; description: string }>> = {
  threat: {
    guid: '5f1c2a6e-0b7d-4c1e-9a51-7d1e3b0a7001',
    name: 'Analyst Workbench: threats',
    description: 'Threats of the register a passage is evidence for. Each code below is one threat.',
  },
  country: {
    guid: '5f1c2a6e-0b7d-4c1e-9a51-7d1e3b0a7002',
    name: 'Analyst Workbench: countries',
    description: 'Countries a passage concerns (ISO 3166-1 alpha-2 code in each description).',
  },
  actor: {
    guid: '5f1c2a6e-0b7d-4c1e-9a51-7d1e3b0a7003',
    name: 'Analyst Workbench: actors',
    description: 'Actors a passage names. Each code below is one actor.',
  },
};

const COUNTRY_GUID_PREFIX = '5f1c2a6e-0b7d-4c1e-9a51-0000c0de';

/** A country's code as a GUID: the two letters' hexadecimal after a fixed prefix ("KZ" → …c0de4b5a). */
export function countryGuid(code: string): string {
  return `${COUNTRY_GUID_PREFIX}${[...code].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')}`;
}

/** The country code a GUID from `countryGuid` stands for, or null. */
export function countryOfGuid(guid: string): string | null {
  const lower = guid.toLowerCase();
  if (!lower.startsWith(COUNTRY_GUID_PREFIX) || lower.length !== COUNTRY_GUID_PREFIX.length + 4) return null;
  const hex = lower.slice(COUNTRY_GUID_PREFIX.length);
  const code = String.fromCharCode(parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2), 16));
  return /^[A-Z]{2}$/.test(code) ? code : null;
}

/** The lines of a source's description that carry its bibliographic record, in this order. */
export const SOURCE_FIELDS = [
  ['author', 'Author'],
  ['publisher', 'Publisher'],
  ['url', 'URL'],
  ['publishedOn', 'Published'],
  ['language', 'Language'],
] as const;
export type SourceField = (typeof SOURCE_FIELDS)[number][0];
