/** The content of one generation of the atomic-writer test: large, and different from its neighbours. */
export function generationContent(generation: number, size: number): Buffer {
  return Buffer.alloc(size, `generation ${generation} of the atomic-writer test; `);
}
