/**
 * Forge serves Custom UI without `unsafe-eval`: zod v4 would probe `new Function` (a CSP violation Forge
 * reports on every open) to compile fast parsers. Jitless parsing is the same result without eval.
 * Imported before any schema is used.
 */
import { z } from 'zod';

z.config({ jitless: true });
