// Uploads go to the folder of one submission: the key comes from user.uploadKey (once per person and
// submission), never from login, and the local gateway is told it as `?key=`.
import Taro from '@tarojs/taro';
import { setCurrentOpenid } from './identity';
import { uploadImage } from './transport';

const request = Taro.request as unknown as jest.Mock;
const uploadFile = Taro.uploadFile as unknown as jest.Mock;

beforeEach(() => {
  request.mockReset();
  uploadFile.mockReset();
  request.mockImplementation(async ({ data }: { data: { scope: string } }) => ({
    statusCode: 200,
    data: { ok: true, data: { uploadKey: `k-${data.scope.replace(/\W/g, '')}` } },
  }));
  uploadFile.mockImplementation(async ({ url }: { url: string }) => ({
    statusCode: 200,
    data: JSON.stringify({ ok: true, data: { fileID: `f-${url}`, url: '/storage/x?exp=1&sig=s' } }),
  }));
});

test('each submission gets its own folder, asked once per person and submission', async () => {
  setCurrentOpenid('resident-demo');
  await uploadImage('blob:a', 'report:req-aaaaaaaa');
  await uploadImage('blob:b', 'report:req-aaaaaaaa');
  await uploadImage('blob:c', 'report:req-bbbbbbbb');
  expect(request).toHaveBeenCalledTimes(2);
  expect(request.mock.calls.map(([r]) => r.data)).toEqual([
    { action: 'uploadKey', scope: 'report:req-aaaaaaaa' },
    { action: 'uploadKey', scope: 'report:req-bbbbbbbb' },
  ]);
  expect(uploadFile.mock.calls.map(([u]) => u.url)).toEqual([
    '/storage/upload?key=k-reportreqaaaaaaaa',
    '/storage/upload?key=k-reportreqaaaaaaaa',
    '/storage/upload?key=k-reportreqbbbbbbbb',
  ]);
  // Another person in the same browser (the local identity switcher) asks for their own folder.
  setCurrentOpenid('worker-demo');
  await uploadImage('blob:d', 'report:req-aaaaaaaa');
  expect(request).toHaveBeenCalledTimes(3);
  expect(request.mock.calls[2][0].header['x-wx-openid']).toBe('worker-demo');
});

test('a failed key request is asked again on the next upload', async () => {
  setCurrentOpenid('resident-demo');
  request.mockRejectedValueOnce(new Error('offline'));
  await expect(uploadImage('blob:a', 'rectify:t-retry-1')).rejects.toMatchObject({ code: 'NETWORK' });
  expect(uploadFile).not.toHaveBeenCalled();
  await uploadImage('blob:a', 'rectify:t-retry-1');
  expect(uploadFile).toHaveBeenCalledTimes(1);
});
