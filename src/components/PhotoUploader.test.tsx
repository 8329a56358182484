import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { usePhotoUploads } from '../hooks/usePhotoUploads';
import { CloudError } from '../services/cloud-error';
import { choosePhotos } from '../services/media';
import { uploadImage } from '../services/transport';
import { PhotoUploader } from './PhotoUploader';

jest.mock('../services/transport', () => ({
  uploadImage: jest.fn(),
  mediaUrl: (url: string) => url,
}));

const taro = Taro as unknown as Record<string, jest.Mock>;
const upload = uploadImage as jest.Mock;

function Harness({
  initial = [],
  previews,
  onChange,
}: {
  initial?: string[];
  previews?: Record<string, string>;
  onChange?: (ids: string[], previews: Record<string, string>) => void;
}) {
  const photos = usePhotoUploads('report:req-test-1', initial, onChange, undefined, previews);
  return (
    <div>
      <PhotoUploader photos={photos} />
      <span data-testid="ids">{photos.fileIDs.join(',')}</span>
      <span data-testid="state">{photos.uploading ? 'uploading' : photos.failed ? 'failed' : 'idle'}</span>
    </div>
  );
}

const paths = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `blob:${from + i}`);
const ids = () => screen.getByTestId('ids').textContent;

beforeEach(() => {
  jest.clearAllMocks();
  upload.mockImplementation(async (p: string) => ({
    fileID: `file-${p.slice(5)}.jpg`,
    preview: `/storage/file-${p.slice(5)}.jpg?exp=1&sig=s`,
  }));
});

test('asks only for the room left, and stops at 9', async () => {
  taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: paths(7) });
  const { container } = render(<Harness />);
  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(ids()?.split(',')).toHaveLength(7));
  expect(taro.chooseImage.mock.calls[0][0]).toMatchObject({ count: 9, sizeType: ['compressed'] });
  expect(screen.getByText('7/9')).toBeTruthy();

  // Only 2 more fit: the picker is told so, and anything beyond is dropped.
  taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: paths(4, 7) });
  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(ids()?.split(',')).toHaveLength(9));
  expect(taro.chooseImage.mock.calls[1][0].count).toBe(2);
  expect(container.querySelectorAll('.photos__item')).toHaveLength(9);
  expect(upload).toHaveBeenCalledTimes(9);
  // Full: no add tile.
  expect(screen.queryByText('添加照片')).toBeNull();

  // Deleting one makes room again.
  fireEvent.click(screen.getAllByText('删除')[0]);
  expect(container.querySelectorAll('.photos__item')).toHaveLength(8);
  expect(screen.getByText('添加照片')).toBeTruthy();
  expect(ids()).not.toContain('file-0.jpg');
});

test('a failed upload shows its error and retries with the same file', async () => {
  upload.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:a', 'blob:b'] });
  const onChange = jest.fn();
  const { container } = render(<Harness onChange={onChange} />);
  fireEvent.click(screen.getByText('添加照片'));

  await screen.findByText('网络连接失败，请检查网络后重试');
  expect(screen.getByTestId('state').textContent).toBe('failed');
  expect(container.querySelector('.photos__item--failed img')?.getAttribute('src')).toBe('blob:a');
  // The other photo went through on its own.
  expect(ids()).toBe('file-b.jpg');

  fireEvent.click(screen.getByText('重试'));
  await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('idle'));
  expect(upload).toHaveBeenLastCalledWith('blob:a', 'report:req-test-1');
  // Order of the list is kept: the retried photo is still first.
  expect(ids()).toBe('file-a.jpg,file-b.jpg');
  expect(onChange).toHaveBeenLastCalledWith(['file-a.jpg', 'file-b.jpg'], {
    'file-a.jpg': '/storage/file-a.jpg?exp=1&sig=s',
    'file-b.jpg': '/storage/file-b.jpg?exp=1&sig=s',
  });
});

test('shows uploading while a photo is on its way', async () => {
  let finish: (u: { fileID: string; preview: string }) => void = () => undefined;
  upload.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
  taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:slow'] });
  render(<Harness />);
  fireEvent.click(screen.getByText('添加照片'));
  expect(await screen.findByText('上传中…')).toBeTruthy();
  expect(screen.getByTestId('state').textContent).toBe('uploading');
  await act(async () => finish({ fileID: 'file-slow.jpg', preview: 'blob:slow' }));
  expect(screen.queryByText('上传中…')).toBeNull();
  expect(ids()).toBe('file-slow.jpg');
});

test('starts from stored fileIDs (a restored draft) without uploading them again', () => {
  const { container } = render(
    <Harness initial={['a.jpg', 'b.jpg']} previews={{ 'a.jpg': '/storage/a.jpg?exp=1&sig=s' }} />,
  );
  expect(container.querySelectorAll('.photos__item')).toHaveLength(2);
  // The preview the upload answered with; with none kept, a tile says the photo is attached (no URL is made up).
  expect(Array.from(container.querySelectorAll('img')).map((i) => i.getAttribute('src'))).toEqual([
    '/storage/a.jpg?exp=1&sig=s',
  ]);
  expect(screen.getByText('已上传')).toBeTruthy();
  expect(screen.getByText('2/9')).toBeTruthy();
  expect(upload).not.toHaveBeenCalled();
});

test('a cancelled picker is silent; a refused one says so', async () => {
  taro.chooseImage.mockRejectedValueOnce({ errMsg: 'chooseImage:fail cancel' });
  render(<Harness />);
  fireEvent.click(screen.getByText('添加照片'));
  await act(async () => undefined);
  expect(taro.showToast).not.toHaveBeenCalled();

  taro.chooseImage.mockRejectedValueOnce({ errMsg: 'chooseImage:fail auth deny' });
  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() => expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ icon: 'none' })));
});

test('on weapp each photo is compressed before upload', async () => {
  const env = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  try {
    taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['wxfile://a.jpg', 'wxfile://b.jpg'] });
    taro.compressImage.mockImplementation(async ({ src }: { src: string }) => ({ tempFilePath: `${src}.small` }));
    taro.compressImage.mockRejectedValueOnce(new Error('cannot compress'));
    expect(await choosePhotos(3)).toEqual(['wxfile://a.jpg', 'wxfile://b.jpg.small']);
    expect(taro.compressImage).toHaveBeenCalledWith({ src: 'wxfile://a.jpg', quality: 60 });
    expect(taro.chooseImage.mock.calls[0][0]).toMatchObject({ count: 3, sourceType: ['album', 'camera'] });
  } finally {
    // process.env turns undefined into the string "undefined": delete instead.
    if (env === undefined) delete (process.env as Record<string, string | undefined>).TARO_ENV;
    else process.env.TARO_ENV = env;
  }
});
