// A worker thread's first module cannot be TypeScript in Node 20, even under tsx: this one
// registers tsx in the thread, then loads the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./fuzz-worker.ts');
