import { uncompress } from 'snappyjs';

/**
 * The bytes of a browser profile's file as its data reads, for a search for words: LevelDB (which
 * Chromium keeps IndexedDB and Local Storage in) does not write its data byte for byte. Its log
 * (`.log`, and `MANIFEST-`) cuts records into 32 KiB blocks with a 7-byte header at each cut, and
 * its tables (`.ldb`, `.sst`) keep blocks compressed with Snappy. A word split by a header, or
 * compressed, is not found in the raw file. Any other file is returned as it is.
 *
 * Formats: leveldb's doc/log_format.md and doc/table_format.md.
 */
export function readableBytes(name: string, bytes: Buffer): Buffer {
  try {
    if (/\.log$|^MANIFEST-/.test(name)) return logRecords(bytes);
    if (/\.(ldb|sst)$/.test(name)) return Buffer.concat([bytes, tableBlocks(bytes)]);
  } catch {
    // Not LevelDB after all, or cut short (a file being written): searched as it is.
  }
  return bytes;
}

const LOG_BLOCK = 32 * 1024;
const LOG_HEADER = 7;

/** The log's records' data, joined as written (each a run of fragments: full, or first … last). */
function logRecords(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let block = 0; block < bytes.length; block += LOG_BLOCK) {
    let at = block;
    const end = Math.min(block + LOG_BLOCK, bytes.length);
    while (at + LOG_HEADER <= end) {
      const length = bytes.readUInt16LE(at + 4);
      const type = bytes[at + 6]!;
      // Type 0: zeros the writer left (a preallocated file, or the end of a block).
      if (type === 0 || at + LOG_HEADER + length > end) break;
      parts.push(bytes.subarray(at + LOG_HEADER, at + LOG_HEADER + length));
      at += LOG_HEADER + length;
    }
  }
  return Buffer.concat(parts);
}

const FOOTER = 48;
const TRAILER = 5;
const SNAPPY = 1;

function varint(bytes: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('varint past the end');
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
}

/** A block's contents, uncompressed. */
function block(bytes: Buffer, offset: number, size: number): Buffer {
  const contents = bytes.subarray(offset, offset + size);
  return bytes[offset + size] === SNAPPY ? Buffer.from(uncompress(contents)) : contents;
}

/** Every data block of a table, uncompressed, found through its index block. */
function tableBlocks(bytes: Buffer): Buffer {
  const footer = bytes.length - FOOTER;
  const [, afterMetaOffset] = varint(bytes, footer);
  const [, indexAt] = varint(bytes, afterMetaOffset);
  const [indexOffset, afterIndexOffset] = varint(bytes, indexAt);
  const [indexSize] = varint(bytes, afterIndexOffset);
  const index = block(bytes, indexOffset, indexSize);
  const restarts = index.readUInt32LE(index.length - 4);
  const entriesEnd = index.length - 4 - restarts * 4;
  const blocks: Buffer[] = [];
  for (let at = 0; at < entriesEnd;) {
    const [, afterShared] = varint(index, at);
    const [unshared, afterUnshared] = varint(index, afterShared);
    const [valueLength, valueAt] = varint(index, afterUnshared);
    const handleAt = valueAt + unshared;
    const [offset, afterOffset] = varint(index, handleAt);
    const [size] = varint(index, afterOffset);
    if (offset + size + TRAILER > bytes.length) throw new Error('block past the end');
    blocks.push(block(bytes, offset, size));
    at = handleAt + valueLength;
  }
  return Buffer.concat(blocks);
}
