import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/**
 * Where file contents live, keyed by SHA-256. The local store is the default (./data/files/ab/cd/<sha256>);
 * another store (object storage) implements the same interface.
 */
export interface FileStore {
  /** Streams the content to storage, returning its SHA-256 and size. Identical content is stored once. */
  put(stream: Readable): Promise<{ sha256: string; size: number }>;
  open(sha256: string): Readable;
  /** The content as a local file that may be read in place (another thread, random access), or null (remote store). */
  localPath(sha256: string): string | null;
  has(sha256: string): Promise<boolean>;
  /** Deletes the content. The caller makes sure no files row refers to it any more; removing a missing blob is no error. */
  remove(sha256: string): Promise<void>;
  /** The root folder of a local store (for backups); null for remote stores. */
  readonly root: string | null;
}

export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  }

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(stream: Readable): Promise<{ sha256: string; size: number }> {
    const tmp = path.join(this.root, 'tmp', crypto.randomUUID());
    const hash = crypto.createHash('sha256');
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    try {
      await pipeline(stream, fs.createWriteStream(tmp));
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      fs.mkdirSync(path.dirname(final), { recursive: true });
      if (fs.existsSync(final)) fs.rmSync(tmp);
      else fs.renameSync(tmp, final);
      return { sha256, size };
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }

  open(sha256: string): Readable {
    return fs.createReadStream(this.pathOf(sha256));
  }

  localPath(sha256: string): string | null {
    return this.pathOf(sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return fs.existsSync(this.pathOf(sha256));
  }

  async remove(sha256: string): Promise<void> {
    fs.rmSync(this.pathOf(sha256), { force: true });
  }
}
