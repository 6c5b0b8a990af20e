// zod, configured once for every schema in the project. jitless: zod's compiled validators probe `navigator`
// and use `new Function`, which VS Code's extension host forbids (and strict content security policies too).
import { z } from 'zod';

z.config({ jitless: true });

export { z };
