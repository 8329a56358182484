// Photo files: who may name a file in an input, and how a file is shown (DESIGN.md §9).
import { createHmac } from 'node:crypto';
import { uploadScope } from '../../types';
import { AppError } from './errors';

/** What the platform gives the core for files (local file store, or CloudBase storage). */
export interface FileAccess {
  /**
   * Throws INVALID_INPUT (issue path `field`) unless every id names a file this environment stored for
   * this caller in the folder of this one submission (`scope`, see uploadScope). Runs before anything is written.
   */
  assertOwned(openid: string, fileIds: string[], scope: string, field?: string): Promise<void>;
  /** Short-lived URLs for showing stored files, by fileId; a file that cannot be shown is left out. */
  urls(fileIds: string[]): Promise<Record<string, string>>;
  /**
   * Stores a file the server wrote (the monthly workbook, issue 11) under `cloudPath` (a folder the client never
   * uploads to: `reports/…`, with a random part) and returns its fileID; shown only through `urls`.
   */
  store(cloudPath: string, bytes: Buffer, mime: string): Promise<string>;
}

/** The local engine's record of an upload (collection `files`, `_id` = the fileID). */
export interface FileDoc {
  _id: string;
  /** The folder key the client uploaded into (uploadKey of one submission); an openid never is stored. */
  owner: string;
  /** Sniffed from the bytes at upload; the only type the file is ever served as. */
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}
export const FILES = 'files';

/** What one upload folder belongs to: one submission of one person (types/user.ts). */
export { uploadScope };

/**
 * The folder key of one submission of one uploader (`tipoff/<key>/…` in cloud storage): an HMAC of the openid
 * and the scope under the server's secret, so it links to neither the openid, the reporter key, nor the same
 * person's other submissions, and only the server can tell whose it is.
 */
export function uploadKey(openid: string, secret: string, scope: string): string {
  return createHmac('sha256', secret).update(`upload:v2:${openid}:${scope}`).digest('hex').slice(0, 32);
}

export const notOwnedFile = (field: string) =>
  new AppError('INVALID_INPUT', '输入有误：照片无效，请重新上传', [{ path: field, message: '照片无效，请重新上传' }]);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Extensions the client may upload in the cloud; the name is the client's random part. */
const CLOUD_FILE_NAME = '[A-Za-z0-9_-]{1,64}\\.(?:jpg|jpeg|png|gif|webp)';

/**
 * Whether a CloudBase fileID is `cloud://<env>.<bucket>/tipoff/<uploadKey>/<name>` for this environment and
 * this folder key (one submission of one uploader): anything else (another env, another user's folder, a URL, a path with `..`) is refused.
 */
export function isOwnCloudFile(fileId: string, env: string, key: string): boolean {
  if (!env || !key) return false;
  const pattern = new RegExp(`^cloud://${escapeRegExp(env)}\\.[a-z0-9-]{1,80}/tipoff/${key}/${CLOUD_FILE_NAME}$`);
  return pattern.test(fileId);
}

/** The cloudPath a weapp client uploads to (the client adds a random name). */
export const cloudUploadFolder = (key: string) => `tipoff/${key}/`;
