/**
 * The demo's article and register, as `data/demo/workspace.json` names them (the same in every
 * installation; `tests/unit/demo-ids.test.ts` holds the two together). The welcome names them while the
 * workspace still holds them, without asking main to load the whole demo again.
 */
export const DEMO_SOURCE_ID = '79f2d625-cff8-4871-8316-705217915e04';
export const DEMO_REGISTER_ID = '93ed8d79-c050-4442-a11c-f969f8b9ae3d';
