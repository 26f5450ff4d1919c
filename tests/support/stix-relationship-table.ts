/**
 * The relationships STIX 2.1 defines, as data: for each source object type, each `relationship_type` and the
 * target types it names.
 *
 * Source: STIX Version 2.1, OASIS Standard, 10 June 2021
 * (https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html), the "Relationships" table of each
 * STIX Domain Object in section 4 (4.1 Attack Pattern … 4.19 Vulnerability), transcribed by hand (no copy of
 * the specification text is vendored: check any change against the page above), plus the common
 * relationships the Relationship object's section (5.1) gives every SDO: `derived-from` and `duplicate-of`
 * between objects of the same type, `related-to` between any two.
 * SDOs whose section lists no relationship of their own (grouping, incident, location, note, observed-data,
 * opinion, report, vulnerability) are absent as sources: only the common relationships start from them.
 * The cyber-observable targets (ipv4-addr, file, …) are kept as the spec names them, although the export
 * writes none. The spec also allows other relationship types ("MAY be any string"); receiving platforms such
 * as OpenCTI keep only the ones listed here, which is why the export is checked against this table.
 */
export const SUGGESTED_RELATIONSHIPS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'attack-pattern': {
    delivers: ['malware'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['malware', 'tool'],
  },
  campaign: {
    'attributed-to': ['intrusion-set', 'threat-actor'],
    compromises: ['infrastructure'],
    'originates-from': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  'course-of-action': {
    investigates: ['indicator'],
    mitigates: ['attack-pattern', 'indicator', 'malware', 'tool', 'vulnerability'],
    remediates: ['malware', 'vulnerability'],
  },
  identity: {
    'located-at': ['location'],
  },
  indicator: {
    indicates: ['attack-pattern', 'campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool'],
    'based-on': ['observed-data'],
  },
  infrastructure: {
    'communicates-with': ['infrastructure', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    'consists-of': ['infrastructure', 'observed-data'],
    controls: ['infrastructure', 'malware'],
    delivers: ['malware'],
    has: ['vulnerability'],
    hosts: ['tool', 'malware'],
    'located-at': ['location'],
    uses: ['infrastructure'],
  },
  'intrusion-set': {
    'attributed-to': ['threat-actor'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    'originates-from': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  malware: {
    'authored-by': ['threat-actor', 'intrusion-set'],
    'beacons-to': ['infrastructure'],
    'exfiltrate-to': ['infrastructure'],
    'communicates-with': ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    controls: ['malware'],
    downloads: ['malware', 'tool', 'file'],
    drops: ['malware', 'tool', 'file'],
    exploits: ['vulnerability'],
    'originates-from': ['location'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
    'variant-of': ['malware'],
  },
  'malware-analysis': {
    characterizes: ['malware'],
    'analysis-of': ['malware'],
    'static-analysis-of': ['malware'],
    'dynamic-analysis-of': ['malware'],
  },
  'threat-actor': {
    'attributed-to': ['identity'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    impersonates: ['identity'],
    'located-at': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  tool: {
    delivers: ['malware'],
    drops: ['malware'],
    has: ['vulnerability'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ['infrastructure'],
  },
};

/** The common relationships: `related-to` between any two objects; the other two only within one type. */
export const COMMON_RELATIONSHIPS = { anyTypes: ['related-to'], sameType: ['derived-from', 'duplicate-of'] } as const;

/** Why `source -type-> target` is not a relationship the spec lists, or null when it is. */
export function relationshipProblem(sourceType: string, relationshipType: string, targetType: string): string | null {
  if ((COMMON_RELATIONSHIPS.anyTypes as readonly string[]).includes(relationshipType)) return null;
  if ((COMMON_RELATIONSHIPS.sameType as readonly string[]).includes(relationshipType))
    return sourceType === targetType ? null : `${relationshipType} joins objects of one type only`;
  const targets = SUGGESTED_RELATIONSHIPS[sourceType]?.[relationshipType];
  if (!targets) return `the spec lists no "${relationshipType}" relationship from a ${sourceType}`;
  return targets.includes(targetType)
    ? null
    : `a ${sourceType} "${relationshipType}" relationship targets ${targets.join(', ')}, not a ${targetType}`;
}
