import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_REGISTER_ID, DEMO_SOURCE_ID } from '../../shared/domain/demo';
import { root } from '../support/builder-config';

describe('the demo’s identifiers', () => {
  it('are those of the article and register the demo ships', () => {
    const demo = JSON.parse(readFileSync(join(root, 'data', 'demo', 'workspace.json'), 'utf8')) as {
      source: { id: string };
      register: { id: string };
    };
    expect(DEMO_SOURCE_ID).toBe(demo.source.id);
    expect(DEMO_REGISTER_ID).toBe(demo.register.id);
  });
});
