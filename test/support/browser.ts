/** The Chromium the browser tests drive: the system one where installed, else the one npm installed with @sparticuz/chromium. */
import { existsSync } from 'node:fs';
import sparticuz from '@sparticuz/chromium';

/** Debian's Chromium, used when a machine has it. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumBinary {
  readonly executablePath: string;
  readonly source: 'system' | 'npm';
}

/**
 * Where the browser tests find Chromium. `@sparticuz/chromium` carries its binary inside the npm
 * package (Brotli-compressed) and unpacks it to the temporary directory on first use, so
 * `npm ci` is the only install step and nothing is downloaded.
 */
export async function chromiumBinary(): Promise<ChromiumBinary> {
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: 'system' };
  return { executablePath: await sparticuz.executablePath(), source: 'npm' };
}
