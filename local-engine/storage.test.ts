// The local file store through the gateway: uploads record their owner and sniffed type; files are read
// only through signed, expiring URLs; 10 MiB exactly is accepted.
import { FILES, uploadKey, uploadScope } from '../cloudfunctions/core/files';
import { MAX_UPLOAD_BYTES } from './storage';
import { listenGateway, openTestEnv, TINY_PNG, type TestEnv, type TestGateway } from './test-support';

let env: TestEnv;
let gateway: TestGateway;
let base: string;

beforeAll(async () => {
  env = await openTestEnv({ seed: false });
  gateway = await listenGateway({ runtime: env.runtime });
  base = gateway.base;
});
afterAll(async () => {
  await gateway.close();
  env.close();
});

const SECRET = () => env.runtime.deps.reporterKeySecret;

/** An upload as the app makes it: into the folder user.uploadKey gives for one submission. */
async function upload(bytes: Buffer, openid = 'resident-demo', scope = uploadScope.report('req-storage-1')) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'a.png');
  const key = uploadKey(openid, SECRET(), scope);
  const res = await fetch(`${base}/storage/upload?key=${key}`, {
    method: 'POST',
    body: form,
    headers: { 'x-wx-openid': openid },
  });
  return { status: res.status, body: await res.json() };
}

/** A PNG signature followed by filler up to `size` bytes. */
const pngOf = (size: number) => Buffer.concat([TINY_PNG, Buffer.alloc(size - TINY_PNG.length, 0x20)]);

describe('photo files on the local engine', () => {
  it('a file counts only for the submission whose folder it was uploaded to, and only for its uploader', async () => {
    const files = env.runtime.storage.access();
    const scope = uploadScope.report('req-own-1');
    const mine = (await upload(TINY_PNG, 'resident-demo', scope)).body.data.fileID;
    const otherReport = (await upload(TINY_PNG, 'resident-demo', uploadScope.report('req-own-2'))).body.data.fileID;
    const theirs = (await upload(TINY_PNG, 'worker-demo', scope)).body.data.fileID;
    await expect(files.assertOwned('resident-demo', [mine], scope)).resolves.toBeUndefined();
    for (const ids of [[otherReport], [mine, theirs], [theirs]]) {
      await expect(files.assertOwned('resident-demo', ids, scope)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(files.assertOwned('resident-demo', [mine], uploadScope.rectify('req-own-1'))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    // An id naming the right folder but never stored is refused too.
    const forged = `local-${uploadKey('resident-demo', SECRET(), scope)}-${'0'.repeat(32)}.png`;
    await expect(files.assertOwned('resident-demo', [forged], scope)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // Two submissions of one person: folders that share nothing and name neither the openid.
    expect(mine.split('-')[1]).not.toBe(otherReport.split('-')[1]);
    expect(mine + otherReport).not.toContain('resident-demo');
  });

  it('an upload records its owner and the sniffed type; the uploader gets a signed preview URL', async () => {
    const { status, body } = await upload(TINY_PNG);
    expect(status).toBe(200);
    const { fileID, url } = body.data;
    expect(url).toMatch(new RegExp(`^/storage/${fileID}\\?exp=\\d+&sig=[A-Za-z0-9_-]+$`));
    const record = (await env.runtime.db.collection(FILES).doc(fileID).get()).data as Record<string, unknown>;
    expect(record).toMatchObject({ mime: 'image/png', size: TINY_PNG.length });
    // The owner is the submission's folder key (also in the id, as a CloudBase path), not the openid.
    expect(record.owner).toMatch(/^[0-9a-f]{32}$/);
    expect(fileID.startsWith(`local-${record.owner as string}-`)).toBe(true);
    expect(JSON.stringify(record)).not.toContain('resident-demo');

    const got = await fetch(`${base}${url}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await got.arrayBuffer()).equals(TINY_PNG)).toBe(true);
  });

  it('without a valid signature and expiry a file is not served', async () => {
    const { fileID, url } = (await upload(TINY_PNG)).body.data;
    const sig = new URL(url, base).searchParams.get('sig') as string;
    const exp = new URL(url, base).searchParams.get('exp') as string;
    for (const path of [
      `/storage/${fileID}`,
      `/storage/${fileID}?exp=${exp}`,
      `/storage/${fileID}?exp=${exp}&sig=${sig.slice(0, -2)}xx`,
      `/storage/${fileID}?exp=${Number(exp) + 3600}&sig=${sig}`, // a longer life is not the signed one
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/json');
    }
    // Another file's signature does not open this one.
    const other = (await upload(TINY_PNG)).body.data;
    const res = await fetch(`${base}/storage/${fileID}?${new URL(other.url, base).searchParams}`);
    expect(res.status).toBe(403);
  });

  it('a signed URL stops working once it expires (~10 minutes)', async () => {
    const { url } = (await upload(TINY_PNG)).body.data;
    expect((await fetch(`${base}${url}`)).status).toBe(200);
    env.runtime.clock.advance(16 * 60_000);
    try {
      expect((await fetch(`${base}${url}`)).status).toBe(403);
    } finally {
      env.runtime.clock.reset();
    }
  });

  it('serves only the type sniffed at upload, whatever the name or the request says', async () => {
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const { fileID, url } = (await upload(gif)).body.data;
    expect(fileID).toMatch(/\.gif$/);
    const res = await fetch(`${base}${url}`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type')).toBe('image/gif');
    // A stored record with another type wins over the extension: the type is the record's.
    await env.runtime.db
      .collection(FILES)
      .doc(fileID)
      .update({ data: { mime: 'image/png' } });
    expect((await fetch(`${base}${url}`)).headers.get('content-type')).toBe('image/png');
    // A file with no upload record is not served even with a good signature.
    await env.runtime.db.collection(FILES).doc(fileID).remove();
    expect((await fetch(`${base}${url}`)).status).toBe(404);
  });

  it('accepts exactly 10 MiB and refuses one byte more, with the message that says so', async () => {
    expect(MAX_UPLOAD_BYTES).toBe(10 * 1024 * 1024);
    const ok = await upload(pngOf(MAX_UPLOAD_BYTES));
    expect(ok.status).toBe(200);
    expect(ok.body.data.fileID).toMatch(/\.png$/);
    const tooBig = await upload(pngOf(MAX_UPLOAD_BYTES + 1));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '图片不能超过 10 MB' } });
  });

  it('the media-check push has no HTTP route', async () => {
    const res = await fetch(`${base}/cloud/mediacheck`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'resident-demo' },
      body: JSON.stringify({ Event: 'wxa_media_check', trace_id: 'x', result: { suggest: 'risky', label: 1 } }),
    });
    expect(res.status).toBe(404);
  });
});
