import { readFile, writeFile } from "node:fs/promises";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * Sets the modification time of every entry of a ZIP file (an XLSX) to `date`, in both the local headers
 * and the central directory (PKWARE APPNOTE 6.3.10, §4.3.7 and §4.3.12; MS-DOS date and time fields).
 * exceljs's streaming writer stamps entries with the current time and offers no option for it; rewriting the
 * fields afterwards makes the workbook byte-for-byte reproducible. ZIP64 archives are not handled (XLSX
 * files written here stay far below 4 GB).
 */
export async function fixZipTimestamps(path: string, date: Date): Promise<void> {
  const zip = await readFile(path);
  const end = findEndOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  if (offset === 0xffffffff) throw new Error(`${path}: ZIP64 archives are not supported`);
  const time = dosTime(date);
  const day = dosDate(date);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`${path}: damaged central directory`);
    zip.writeUInt16LE(time, offset + 12);
    zip.writeUInt16LE(day, offset + 14);
    const local = zip.readUInt32LE(offset + 42);
    if (zip.readUInt32LE(local) !== LOCAL_FILE_HEADER) throw new Error(`${path}: damaged local header`);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(day, local + 12);
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  await writeFile(path, zip);
}

function findEndOfCentralDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  throw new Error("not a ZIP file: no end of central directory");
}

function dosTime(date: Date): number {
  return (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
}

function dosDate(date: Date): number {
  return ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
}
