import type { JinguoModule } from './module.js';
import { orgModule } from './org/index.js';

/**
 * Every module, in dependency order (demo data is seeded in this order). Adding a module is one line here
 * plus its folder: see docs/ARCHITECTURE.md "How to add a module".
 */
export const MODULES: JinguoModule[] = [orgModule];
