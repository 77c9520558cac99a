// Removes dist/ before a build, so files compiled from deleted sources never ship.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
