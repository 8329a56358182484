import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../cloudfunctions/core/db';
import { FILES, notOwnedFile, uploadKey, type FileAccess, type FileDoc } from '../cloudfunctions/core/files';
import { findById } from '../cloudfunctions/core/store';
import { isoTown, type Clock } from '../cloudfunctions/core/time';

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

/** 10 MiB, as the message says ("10 MB"): exactly this many bytes are accepted, one more is refused. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const TOO_LARGE_MESSAGE = '图片不能超过 10 MB';
/** `local-<folder key>-<random>.<ext>`: like a CloudBase path, the id (and its URL) carries the folder. */
const FILE_ID = /^local-([0-9a-f]{32})-[0-9a-f]{32}\.(jpg|png|gif|webp)$/;
/** A file the server wrote (FileAccess.store: the monthly workbook): no client folder, a random name. */
const STORED_ID = /^local-server-[0-9a-f]{32}\.(xlsx)$/;
const STORED_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
/** An upload folder key (core/files.ts uploadKey): what the client names, as it names a cloudPath. */
export const FOLDER_KEY = /^[0-9a-f]{32}$/;

/** How long a photo URL handed out by a function works; ends are rounded so a page reload reuses the URL. */
export const URL_LIFE_SECONDS = 600;
const URL_ROUND_SECONDS = 300;

export class StorageError extends Error {
  constructor(
    readonly code: 'INVALID_INPUT' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The local file store standing in for CloudBase storage: bytes under DATA_DIR/uploads, and one record per
 * upload in the `files` collection (owner, sniffed type) so ownership checks are ordinary queries.
 */
export class LocalStorage {
  readonly dir: string;
  private readonly urlKey: Buffer;

  constructor(
    dataDir: string,
    private readonly db: Database,
    private readonly secret: string,
    private readonly now: Clock,
  ) {
    this.dir = path.join(dataDir, 'uploads');
    fs.mkdirSync(this.dir, { recursive: true });
    // A key of its own: a signed URL says nothing about the reporter keys made with the same secret.
    this.urlKey = createHmac('sha256', secret).update('local-storage-url:v1').digest();
  }

  /**
   * Stores an image in the folder `folder` the client chose (as a weapp client chooses its cloudPath; the key
   * comes from user.uploadKey) and returns its fileID. Nothing checks the folder here, as CloudBase does not:
   * assertOwned later accepts the file only for the submission whose key it is. The bytes are written to a
   * temp name first (a crash never leaves half a file), then the record; a file without one is nobody's.
   */
  async save(bytes: Buffer, folder: string): Promise<{ fileID: string; mime: string }> {
    if (!FOLDER_KEY.test(folder)) throw new StorageError('INVALID_INPUT', '上传位置无效');
    if (bytes.length === 0) throw new StorageError('INVALID_INPUT', '文件为空');
    if (bytes.length > MAX_UPLOAD_BYTES) throw new StorageError('INVALID_INPUT', TOO_LARGE_MESSAGE);
    const type = IMAGE_TYPES.find((t) => t.magic(bytes));
    if (!type) throw new StorageError('INVALID_INPUT', '只支持 JPG、PNG、GIF、WebP 图片');
    const fileID = `local-${folder}-${randomBytes(16).toString('hex')}.${type.ext}`;
    const tmp = path.join(this.dir, `.${fileID}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path.join(this.dir, fileID));
    const record: Omit<FileDoc, '_id'> = {
      owner: folder,
      mime: type.mime,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      createdAt: isoTown(this.now()),
    };
    await this.db
      .collection(FILES)
      .doc(fileID)
      .set({ data: { ...record } });
    return { fileID, mime: type.mime };
  }

  /**
   * Stores a file the server wrote (FileAccess.store) and returns its fileID `local-server-<random>.<ext>`: the
   * extension from `cloudPath`, the type from the extension (only .xlsx), never a client's folder, so assertOwned
   * never takes it for a photo and only signed URLs (files.urls, handed out by the action) serve it.
   */
  async store(cloudPath: string, bytes: Buffer): Promise<string> {
    const ext = /\.([a-z0-9]+)$/.exec(cloudPath)?.[1] ?? '';
    const mime = STORED_TYPES[ext];
    if (!mime) throw new StorageError('INVALID_INPUT', '不支持的文件类型');
    const fileID = `local-server-${randomBytes(16).toString('hex')}.${ext}`;
    const tmp = path.join(this.dir, `.${fileID}.tmp`);
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, path.join(this.dir, fileID));
    const record: Omit<FileDoc, '_id'> = {
      owner: 'server',
      mime,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      createdAt: isoTown(this.now()),
    };
    await this.db
      .collection(FILES)
      .doc(fileID)
      .set({ data: { ...record } });
    return fileID;
  }

  /** The bytes of a stored file (for the local photo check). */
  read(fileID: string): Buffer {
    if (!FILE_ID.test(fileID)) throw new StorageError('NOT_FOUND', '文件不存在');
    return fs.readFileSync(path.join(this.dir, fileID));
  }

  /** A URL that shows the file until it expires: `/storage/<id>?exp=<unix seconds>&sig=<hmac>`. */
  signedUrl(fileID: string): string {
    const nowS = Math.floor(this.now().getTime() / 1000);
    const exp = Math.ceil((nowS + URL_LIFE_SECONDS) / URL_ROUND_SECONDS) * URL_ROUND_SECONDS;
    return `/storage/${encodeURIComponent(fileID)}?exp=${exp}&sig=${this.sign(fileID, exp)}`;
  }

  private sign(fileID: string, exp: number): string {
    return createHmac('sha256', this.urlKey).update(`${fileID}\n${exp}`).digest('base64url');
  }

  /** Whether a signature is this store's for this file and has not expired. */
  verify(fileID: string, exp: string | null, sig: string | null): boolean {
    if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
    const expS = Number(exp);
    if (expS * 1000 <= this.now().getTime()) return false;
    const want = Buffer.from(this.sign(fileID, expS));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  }

  /**
   * The path and the type sniffed at upload of a stored file, or NOT_FOUND. Ids are checked so no path can
   * escape the folder; a file without its upload record is not served.
   */
  async locate(fileID: string): Promise<{ file: string; mime: string }> {
    if (!FILE_ID.test(fileID) && !STORED_ID.test(fileID)) throw new StorageError('NOT_FOUND', '文件不存在');
    const file = path.join(this.dir, fileID);
    const record = await findById<FileDoc>(this.db, FILES, fileID);
    if (!record || !fs.existsSync(file)) throw new StorageError('NOT_FOUND', '文件不存在');
    return { file, mime: record.mime };
  }

  /**
   * The core's view of this store: a file counts as the caller's for one submission only if it sits in that
   * submission's folder (as on CloudBase, files.ts isOwnCloudFile) and was stored here; URLs signed here.
   */
  access(): FileAccess {
    return {
      assertOwned: async (openid, fileIds, scope, field = 'photos') => {
        const unique = [...new Set(fileIds)];
        if (unique.length === 0) return;
        const owner = uploadKey(openid, this.secret, scope);
        if (unique.some((id) => typeof id !== 'string' || FILE_ID.exec(id)?.[1] !== owner)) throw notOwnedFile(field);
        const { data } = await this.db
          .collection<FileDoc>(FILES)
          .where({ _id: this.db.command.in(unique), owner })
          .limit(100)
          .get();
        if (data.length !== unique.length) throw notOwnedFile(field);
      },
      urls: async (fileIds) => {
        const out: Record<string, string> = {};
        for (const id of fileIds) if (FILE_ID.test(id) || STORED_ID.test(id)) out[id] = this.signedUrl(id);
        return out;
      },
      store: (cloudPath, bytes) => this.store(cloudPath, bytes),
    };
  }
}
