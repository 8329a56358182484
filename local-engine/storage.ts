import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What a photo upload may be: sniffed from the bytes, never trusted from the file name. */
const IMAGE_TYPES: { mime: string; ext: string; magic: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', ext: 'jpg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    ext: 'png',
    magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { mime: 'image/gif', ext: 'gif', magic: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  {
    mime: 'image/webp',
    ext: 'webp',
    magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const FILE_ID = /^local-[0-9a-f]{32}\.(jpg|png|gif|webp)$/;

export class StorageError extends Error {
  constructor(
    readonly code: 'INVALID_INPUT' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

/** The local file store standing in for CloudBase storage: files under DATA_DIR/uploads. */
export class LocalStorage {
  readonly dir: string;
  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'uploads');
    fs.mkdirSync(this.dir, { recursive: true });
  }

  /** Stores an image and returns its fileID. Written to a temp name first, so a crash never leaves half a file. */
  save(bytes: Buffer): string {
    if (bytes.length === 0) throw new StorageError('INVALID_INPUT', '文件为空');
    if (bytes.length > MAX_UPLOAD_BYTES) throw new StorageError('INVALID_INPUT', '图片不能超过 10 MB');
    const type = IMAGE_TYPES.find((t) => t.magic(bytes));
    if (!type) throw new StorageError('INVALID_INPUT', '只支持 JPG、PNG、GIF、WebP 图片');
    const fileID = `local-${randomBytes(16).toString('hex')}.${type.ext}`;
    const tmp = path.join(this.dir, `.${fileID}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path.join(this.dir, fileID));
    return fileID;
  }

  /** The path and type of a stored file, or a NOT_FOUND error; ids are checked so no path can escape the folder. */
  locate(fileID: string): { file: string; mime: string } {
    if (!FILE_ID.test(fileID)) throw new StorageError('NOT_FOUND', '文件不存在');
    const file = path.join(this.dir, fileID);
    if (!fs.existsSync(file)) throw new StorageError('NOT_FOUND', '文件不存在');
    const ext = fileID.slice(fileID.lastIndexOf('.') + 1);
    const mime = IMAGE_TYPES.find((t) => t.ext === ext)?.mime ?? 'application/octet-stream';
    return { file, mime };
  }
}
