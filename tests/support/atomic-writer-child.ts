// A separate process for tests/unit/atomic-kill.test.ts: writes generation after generation of a
// large file through main's atomic writer until it is killed. It says on stdout (synchronously, so
// nothing is lost to a kill) when each write starts and when it has finished.
import { writeSync } from 'node:fs';
import { writeFileAtomically } from '../../main/services/atomic-file';
import { generationContent } from './atomic-generations';

async function main(): Promise<void> {
  const [target, first, size] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
  writeSync(1, 'ready\n');
  for (let generation = first; ; generation++) {
    const content = generationContent(generation, size);
    writeSync(1, `start ${generation}\n`);
    await writeFileAtomically(target, content);
    writeSync(1, `done ${generation}\n`);
  }
}

void main();
