/** The function zips a packaging run produced. */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import type { PackagedService } from './package';
import { isRecord } from './template';
import { lambdaFunction } from './lambda';
// ---------------------------------------------------------------------------------------------
// Zip artifacts
// ---------------------------------------------------------------------------------------------

export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
  method: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

const parseCentralDirectory = (zip: Buffer, zipPath: string): ZipEntry[] => {
  // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the end of the file.
  let eocd = -1;
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset -= 1) {
    if (zip.readUInt32LE(offset) === EOCD_SIGNATURE) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${zipPath} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw new Error(`${zipPath}: bad central directory entry ${index}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};

/** The entries (files and folders) of a zip file, in archive order. No ZIP64 support (archives < 4 GiB). */
export const zipEntries = async (zipPath: string): Promise<ZipEntry[]> => parseCentralDirectory(await readFile(zipPath), zipPath);

/** The uncompressed content of one entry of a zip file (stored or deflated). */
export const readZipEntry = async (zipPath: string, name: string): Promise<Buffer> => {
  const zip = await readFile(zipPath);
  const entry = parseCentralDirectory(zip, zipPath).find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`${zipPath} has no entry ${name}`);
  const local = entry.localHeaderOffset;
  if (zip.readUInt32LE(local) !== LOCAL_SIGNATURE) throw new Error(`${zipPath}: bad local header for ${name}`);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${zipPath}: ${name} uses unsupported compression method ${entry.method}`);
};

/**
 * The zip the framework built for a function: the file of the package folder named like the
 * function's Code.S3Key (so the test checks the artifact the template really deploys).
 */
export const functionArtifactPath = (packaged: Pick<PackagedService, 'packageDir' | 'template'>, functionKey: string): string => {
  const code = lambdaFunction(packaged.template, functionKey).Properties?.Code;
  const key = isRecord(code) ? code.S3Key : undefined;
  if (typeof key !== 'string') throw new Error(`function ${functionKey} has no literal Code.S3Key: ${JSON.stringify(code)}`);
  return path.join(packaged.packageDir, path.posix.basename(key));
};
