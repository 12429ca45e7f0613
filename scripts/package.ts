/** `hooks/build.sh`: bundles every Lambda into one zip, each function at `<name>/index.js`, for the cfn-deployer. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { bundleFunctions } from './bundle';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A minimal zip (deflate, no zip64) for machines without the `zip` command. Timestamps are fixed
 * (1980-01-01) so the same bundle gives the same zip.
 */
export function writeZip(outFile: string, root: string, files: readonly string[]): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(relative(root, file).split('\\').join('/'));
    const data = readFileSync(file);
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix, version 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(outFile, Buffer.concat([...locals, directory, end]));
}

function hasZipCommand(): boolean {
  try {
    execFileSync('zip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // Not installed (ENOENT) or not runnable: the Node writer takes over.
    console.warn(`no usable zip command (${(error as Error).message}); writing the zip with Node`);
    return false;
  }
}

export async function packageFunctions(outFile: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-package-'));
  try {
    await bundleFunctions(dir);
    // Source maps stay in the zip: a stack trace, when one is read, is mapped with them.
    const files = filesUnder(dir)
      .filter((file) => statSync(file).isFile())
      .sort();
    rmSync(outFile, { force: true });
    if (hasZipCommand()) {
      execFileSync('zip', ['-q', '-X', '-r', outFile, '.'], { cwd: dir, stdio: 'inherit' });
    } else {
      writeZip(outFile, dir, files);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const outFile = process.argv[2];
  if (outFile === undefined) {
    console.error('usage: tsx scripts/package.ts <OUT_FILE>');
    process.exitCode = 2;
  } else {
    packageFunctions(resolve(outFile)).catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  }
}
