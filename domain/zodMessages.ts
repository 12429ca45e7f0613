/**
 * The Lambdas and domain/ build their schemas with zod's small build, `zod/mini` (a tenth of classic
 * zod's size and load time, the same parser and issues); it ships no messages, so this gives every
 * issue the English one. Import it, for its effect, in each module that parses with `zod/mini`.
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());
