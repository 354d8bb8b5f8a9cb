import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CarWriter } from '@ipld/car/writer';
import * as UnixFS from '@ipld/unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { writeFileAtomic } from '../atomic-write.ts';

interface Block {
  cid: CID;
  bytes: Uint8Array;
}

export interface EditionCar {
  /** The folder's root: what the publisher pins, and what `ipfs://<root>/` names. */
  root: CID;
  blocks: number;
  bytes: number;
}

/**
 * Files become raw leaves (the bytes as they are, so that a gateway's `?format=raw` answer for a
 * small file is the file itself), as ipfs-car and `ipfs add --cid-version 1` make them; folders are
 * plain UnixFS directories, which every gateway and the reader walk without a HAMT.
 */
const SETTINGS = UnixFS.configure({ fileChunkEncoder: raw, smallFileEncoder: raw });

/** Every file under `dir`, by path relative to it, folders first-level sorted so that the root is the same run after run. */
async function addFolder(fs: UnixFS.View, dir: string): ReturnType<UnixFS.DirectoryWriterView['close']> {
  const folder = fs.createDirectoryWriter();
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // A temporary file of an interrupted run (atomic-write.ts) is no part of the edition.
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      folder.set(entry.name, await addFolder(fs, path));
    } else if (entry.isFile()) {
      const file = fs.createFileWriter();
      await file.write(await readFile(path));
      folder.set(entry.name, await file.close());
    }
  }
  return folder.close();
}

/** The blocks of `dir` as UnixFS, in the order they were made, and its root. */
export async function encodeFolder(dir: string): Promise<{ root: CID; blocks: Block[] }> {
  // Room for every block: the writer waits on a full stream, and nothing reads it until the end.
  const { readable, writable } = new TransformStream<UnixFS.Block, UnixFS.Block>({}, { highWaterMark: Number.MAX_SAFE_INTEGER });
  const fs = UnixFS.createWriter({ writable, settings: SETTINGS });
  const blocks: Block[] = [];
  const collecting = (async () => {
    for await (const block of readable as unknown as AsyncIterable<UnixFS.Block>) {
      // @ipld/unixfs builds its CIDs with its own copy of multiformats; one kind of CID from here on.
      blocks.push({ cid: CID.decode(block.cid.bytes), bytes: block.bytes });
    }
  })();
  const link = await addFolder(fs, dir);
  await fs.close();
  await collecting;
  return { root: CID.decode(link.cid.bytes), blocks };
}

/** The CAR file (CARv1) of one root and its blocks, whole in memory: an edition is megabytes, not gigabytes. */
export async function carBytes(root: CID, blocks: readonly Block[]): Promise<Uint8Array> {
  const { writer, out } = CarWriter.create([root]);
  const chunks: Uint8Array[] = [];
  const reading = (async () => {
    for await (const chunk of out) chunks.push(chunk);
  })();
  for (const block of blocks) await writer.put(block);
  await writer.close();
  await reading;
  return Buffer.concat(chunks);
}

/**
 * Writes the edition folder `dir` (its reader app with it, when there is one) as one CAR file at
 * `carFile`, whole or not at all, for the publisher to pin with any IPFS service or node.
 */
export async function writeEditionCar(dir: string, carFile: string): Promise<EditionCar> {
  const { root, blocks } = await encodeFolder(dir);
  const bytes = await carBytes(root, blocks);
  await writeFileAtomic(carFile, bytes);
  return { root, blocks: blocks.length, bytes: bytes.length };
}
