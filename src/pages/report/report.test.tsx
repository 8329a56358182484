import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ReportPage from './index';
import { api } from '../../services/api';
import { CloudError } from '../../services/cloud-error';
import { uploadImage } from '../../services/transport';
import type { TipoffOptions } from '../../../types';
import { nearbyTipoff, SUBMIT_RESULT } from '../../test-support/fixtures';

jest.mock('../../services/api', () => ({
  api: {
    tipoff: { options: jest.fn(), submit: jest.fn(), nearby: jest.fn(), follow: jest.fn() },
    // Signed in, with the privacy notice in force (config/town/privacy.json) already agreed to (the consent gate
    // is consent-gate.test.tsx). Read inside the factory: jest.mock runs before this file's imports.
    user: {
      login: jest.fn().mockImplementation(() => {
        const { version } = jest.requireActual<{ version: number }>('../../../config/town/privacy.json');
        return Promise.resolve({ openid: 'o', roles: ['resident'], privacyVersion: version, privacyConsent: version });
      }),
    },
  },
}));
jest.mock('../../services/transport', () => ({
  uploadImage: jest.fn(),
  mediaUrl: (url: string) => url,
}));
jest.mock('../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const OPTIONS: TipoffOptions = {
  categories: [
    { id: 'gas-smell', name: '燃气泄漏/异味', group: '燃气', emergency: true },
    { id: 'fire-passage', name: '堵占消防通道', group: '消防', emergency: false },
  ],
  areas: [{ id: 'gk2', name: '共康二村', kind: 'community', latitude: 31.33, longitude: 121.44 }],
  departments: [],
};

const NEARBY = nearbyTipoff();

const RESULT = SUBMIT_RESULT;

const mocked = api as unknown as {
  tipoff: { options: jest.Mock; submit: jest.Mock; nearby: jest.Mock; follow: jest.Mock };
};
const taro = Taro as unknown as Record<string, jest.Mock>;

/** Opens the page and, unless told otherwise, passes the emergency screen. */
async function renderForm({ pastEmergency = true } = {}) {
  mocked.tipoff.options.mockResolvedValue(OPTIONS);
  const view = render(<ReportPage />);
  if (pastEmergency) {
    fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
    await screen.findByText('堵占消防通道');
  } else {
    await act(async () => undefined); // let the options arrive behind the emergency screen
  }
  return view;
}

function fillValid() {
  fireEvent.click(screen.getByText('堵占消防通道'));
  fireEvent.change(screen.getByPlaceholderText(/请描述隐患/), { target: { value: '消防通道被私家车长期堵占' } });
  fireEvent.click(screen.getByText('共康二村'));
  fireEvent.change(screen.getByPlaceholderText(/共康二村 12 号楼/), { target: { value: '共康二村 12 号楼北侧' } });
}

beforeEach(() => {
  jest.clearAllMocks();
  (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
  mocked.tipoff.nearby.mockResolvedValue([]);
});

describe('emergency screen', () => {
  test('comes before the form, calls the emergency numbers, and lets a non-emergency continue', async () => {
    await renderForm({ pastEmergency: false });
    expect(screen.getByText('正在发生火灾、冒烟、燃气异味或有人受伤？')).toBeTruthy();
    expect(screen.queryByText('堵占消防通道')).toBeNull();

    for (const [label, number] of [
      ['119 火警', '119'],
      ['110 报警', '110'],
      ['120 急救', '120'],
      ['962777 燃气抢修', '962777'],
    ]) {
      fireEvent.click(screen.getByText(label));
      expect(taro.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: number });
    }

    fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
    expect(await screen.findByText('堵占消防通道')).toBeTruthy();
  });

  test('an emergency category shows the call prompt again inside the form, and the form still submits', async () => {
    await renderForm();
    expect(screen.queryByText(/燃气抢修 962777 或 119/)).toBeNull();
    fireEvent.click(screen.getByText('燃气泄漏/异味'));
    expect(screen.getByText(/燃气抢修 962777 或 119/)).toBeTruthy();
    fireEvent.click(screen.getByText('962777 燃气抢修'));
    expect(taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '962777' });

    // A non-emergency category hides it again.
    fireEvent.click(screen.getByText('堵占消防通道'));
    expect(screen.queryByText(/燃气抢修 962777 或 119/)).toBeNull();

    // The prompt does not stop the report: gas smell can still be filed.
    fillValid();
    fireEvent.click(screen.getByText('燃气泄漏/异味'));
    mocked.tipoff.submit.mockResolvedValueOnce(RESULT);
    fireEvent.click(screen.getByText('提交举报'));
    expect(await screen.findByText('编号：MX-2026-000007')).toBeTruthy();
    expect(mocked.tipoff.submit.mock.calls[0][0].categoryId).toBe('gas-smell');
  });
});

test('an empty form shows what is missing and sends nothing', async () => {
  await renderForm();
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('请选择隐患类别')).toBeTruthy();
  expect(screen.getByText('请选择所在居民区或村')).toBeTruthy();
  expect(screen.getByText('描述至少 5 个字')).toBeTruthy();
  expect(mocked.tipoff.submit).not.toHaveBeenCalled();
  expect(mocked.tipoff.nearby).not.toHaveBeenCalled();
});

test('a named report needs a valid phone number', async () => {
  await renderForm();
  fillValid();
  fireEvent.click(screen.getByText('实名举报'));
  fireEvent.change(screen.getByPlaceholderText('姓名'), { target: { value: '张三' } });
  fireEvent.change(screen.getByPlaceholderText('手机号'), { target: { value: '12345' } });
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('请填写 11 位手机号')).toBeTruthy();
  expect(mocked.tipoff.submit).not.toHaveBeenCalled();
});

test('a failed submit keeps the draft, and the retry reuses the same requestId', async () => {
  await renderForm();
  fillValid();
  fireEvent.click(screen.getByText('疑似重大隐患'));
  mocked.tipoff.submit.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
  expect((screen.getByPlaceholderText(/请描述隐患/) as HTMLTextAreaElement).value).toBe('消防通道被私家车长期堵占');

  mocked.tipoff.submit.mockResolvedValueOnce(RESULT);
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('编号：MX-2026-000007')).toBeTruthy();
  expect(screen.getByText('已分派至：消防救援')).toBeTruthy();
  expect(screen.getByText('查询码：ABCD234567')).toBeTruthy();

  const [first, second] = mocked.tipoff.submit.mock.calls.map((c) => c[0]);
  expect(second.requestId).toBe(first.requestId);
  expect(first).toMatchObject({
    categoryId: 'fire-passage',
    areaId: 'gk2',
    anonymous: true,
    suspectedMajor: true,
    photos: [],
    location: { latitude: 31.33, longitude: 121.44, address: '共康二村 12 号楼北侧' },
  });
  // The draft is cleared once the report is filed.
  expect(Taro.removeStorageSync).toHaveBeenCalledWith('mx.draft.tipoff');

  fireEvent.click(screen.getByText('复制查询码'));
  expect(taro.setClipboardData).toHaveBeenCalledWith({ data: 'ABCD234567' });
});

test('the draft survives leaving the page, uploaded photos included', async () => {
  (uploadImage as jest.Mock).mockResolvedValue({
    fileID: 'local-photo-1.jpg',
    preview: '/storage/local-photo-1.jpg?s=1',
  });
  taro.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:one'] });
  const first = await renderForm();
  fillValid();
  fireEvent.click(screen.getByText('添加照片'));
  await waitFor(() =>
    expect(first.container.querySelector('img')?.getAttribute('src')).toBe('/storage/local-photo-1.jpg?s=1'),
  );
  first.unmount();
  await act(async () => undefined);
  // A new page instance starts from the stored draft.
  mocked.tipoff.options.mockResolvedValue(OPTIONS);
  const second = render(<ReportPage />);
  fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
  await waitFor(() =>
    expect((second.container.querySelector('textarea') as HTMLTextAreaElement).value).toBe('消防通道被私家车长期堵占'),
  );
  expect(second.container.querySelector('.photos__item img')?.getAttribute('src')).toBe(
    '/storage/local-photo-1.jpg?s=1',
  );

  mocked.tipoff.submit.mockResolvedValueOnce(RESULT);
  fireEvent.click(screen.getByText('提交举报'));
  await screen.findByText('编号：MX-2026-000007');
  expect(mocked.tipoff.submit.mock.calls[0][0].photos).toEqual(['local-photo-1.jpg']);
  expect(uploadImage).toHaveBeenCalledTimes(1);
  // Into the folder of this report (its requestId, kept by the restored draft), which the server checks.
  expect(uploadImage).toHaveBeenCalledWith('blob:one', `report:${mocked.tipoff.submit.mock.calls[0][0].requestId}`);
});

test('a photo that failed to upload blocks submit until it is retried', async () => {
  (uploadImage as jest.Mock).mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  taro.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:one'] });
  await renderForm();
  fillValid();
  fireEvent.click(screen.getByText('添加照片'));
  await screen.findByText('重试');
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText(/有照片上传失败/)).toBeTruthy();
  expect(mocked.tipoff.submit).not.toHaveBeenCalled();

  (uploadImage as jest.Mock).mockResolvedValueOnce({ fileID: 'local-photo-2.jpg', preview: 'blob:one' });
  fireEvent.click(screen.getByText('重试'));
  await waitFor(() => expect(screen.queryByText('重试')).toBeNull());
  mocked.tipoff.submit.mockResolvedValueOnce(RESULT);
  fireEvent.click(screen.getByText('提交举报'));
  await screen.findByText('编号：MX-2026-000007');
  expect(mocked.tipoff.submit.mock.calls[0][0].photos).toEqual(['local-photo-2.jpg']);
});

test('server-side field issues land on their fields', async () => {
  await renderForm();
  fillValid();
  mocked.tipoff.submit.mockRejectedValueOnce(
    new CloudError('INVALID_INPUT', '输入有误：所在区域不存在', [{ path: 'areaId', message: '所在区域不存在' }]),
  );
  fireEvent.click(screen.getByText('提交举报'));
  expect(await screen.findByText('所在区域不存在')).toBeTruthy();
});

test('a content-check rejection shows on the description', async () => {
  await renderForm();
  fillValid();
  mocked.tipoff.submit.mockRejectedValueOnce(
    new CloudError('INVALID_INPUT', '输入有误：内容含有不当信息，请修改后再提交', [
      { path: 'description', message: '内容含有不当信息，请修改后再提交' },
    ]),
  );
  fireEvent.click(screen.getByText('提交举报'));
  const message = await screen.findByText('内容含有不当信息，请修改后再提交');
  // Right under the description box, not only above the button.
  expect(message.previousElementSibling?.className).toBe('report__count');
});

describe('nearby reports before submit', () => {
  test('附议 follows the earlier report instead of filing, and clears the draft', async () => {
    mocked.tipoff.nearby.mockResolvedValueOnce([NEARBY]);
    mocked.tipoff.follow.mockResolvedValueOnce({ followers: 3, already: false, no: 'MX-2026-000003' });
    await renderForm();
    fillValid();
    fireEvent.click(screen.getByText('提交举报'));

    expect(await screen.findByText('同一片区已有同类举报')).toBeTruthy();
    expect(mocked.tipoff.nearby).toHaveBeenCalledWith(31.33, 121.44, 'fire-passage');
    // What recognises the hazard, and nothing that locates or identifies the earlier reporter. No point was
    // picked (only the area's centre stands in), so no distance either ("约 0 米" would mislead).
    expect(screen.getByText('共康二村 · 附议 2 人', { exact: false })).toBeTruthy();
    expect(screen.queryByText(/约 \d+ 米/)).toBeNull();
    fireEvent.click(screen.getByText('同一隐患，附议'));

    expect(await screen.findByText('已附议，处理进展会通知您')).toBeTruthy();
    expect(screen.getByText('举报编号：MX-2026-000003')).toBeTruthy(); // told by follow, once followed
    expect(mocked.tipoff.follow).toHaveBeenCalledWith('earlier');
    expect(mocked.tipoff.submit).not.toHaveBeenCalled();
    expect(Taro.removeStorageSync).toHaveBeenCalledWith('mx.draft.tipoff');
  });

  test('a failed 附议 says why and keeps the choice open', async () => {
    mocked.tipoff.nearby.mockResolvedValueOnce([NEARBY]);
    mocked.tipoff.follow.mockRejectedValueOnce(new CloudError('CONFLICT', '该举报已办结，无法附议'));
    await renderForm();
    fillValid();
    fireEvent.click(screen.getByText('提交举报'));
    fireEvent.click(await screen.findByText('同一隐患，附议'));
    expect(await screen.findByText('该举报已办结，无法附议')).toBeTruthy();
    expect(screen.getByText('不是同一处，继续提交')).toBeTruthy();
  });

  test('"不是同一处" files the report, and a retry does not ask again', async () => {
    mocked.tipoff.nearby.mockResolvedValue([NEARBY]);
    await renderForm();
    fillValid();
    fireEvent.click(screen.getByText('提交举报'));
    mocked.tipoff.submit.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
    fireEvent.click(await screen.findByText('不是同一处，继续提交'));
    // Back on the form with the error; pressing submit again goes straight to filing.
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    mocked.tipoff.submit.mockResolvedValueOnce(RESULT);
    fireEvent.click(screen.getByText('提交举报'));
    expect(await screen.findByText('编号：MX-2026-000007')).toBeTruthy();
    expect(mocked.tipoff.nearby).toHaveBeenCalledTimes(1);
    expect(mocked.tipoff.follow).not.toHaveBeenCalled();
  });

  test('a failed duplicate check does not stop the report', async () => {
    mocked.tipoff.nearby.mockRejectedValueOnce(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
    mocked.tipoff.submit.mockResolvedValueOnce(RESULT);
    await renderForm();
    fillValid();
    fireEvent.click(screen.getByText('提交举报'));
    expect(await screen.findByText('编号：MX-2026-000007')).toBeTruthy();
  });
});

describe('issue 12: draft, gas and lift emergencies', () => {
  test('a restored draft asks 继续上次草稿 / 重新填写', async () => {
    Taro.setStorageSync('mx.draft.tipoff', {
      requestId: 'rOld',
      categoryId: 'fire-passage',
      description: '上次写了一半的描述',
    });
    await renderForm();
    expect(screen.getByText('已恢复您上次未提交的草稿。')).toBeTruthy();
    expect((screen.getByPlaceholderText(/请描述隐患/) as HTMLTextAreaElement).value).toBe('上次写了一半的描述');
    fireEvent.click(screen.getByText('重新填写'));
    expect(screen.queryByText('已恢复您上次未提交的草稿。')).toBeNull();
    expect((screen.getByPlaceholderText(/请描述隐患/) as HTMLTextAreaElement).value).toBe('');
  });

  test('继续上次草稿 keeps it; a fresh form asks nothing', async () => {
    Taro.setStorageSync('mx.draft.tipoff', { requestId: 'rOld', description: '上次写了一半的描述' });
    const view = await renderForm();
    fireEvent.click(screen.getByText('继续上次草稿'));
    expect(screen.queryByText('已恢复您上次未提交的草稿。')).toBeNull();
    expect((screen.getByPlaceholderText(/请描述隐患/) as HTMLTextAreaElement).value).toBe('上次写了一半的描述');
    view.unmount();
    (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
    await renderForm();
    expect(screen.queryByText('继续上次草稿')).toBeNull();
  });

  test('the gas warning shows in the group where 燃气 was chosen; 电梯困人 is flagged as an emergency', async () => {
    mocked.tipoff.options.mockResolvedValue({
      ...OPTIONS,
      categories: [
        ...OPTIONS.categories,
        { id: 'elevator', name: '电梯故障/困人隐患', group: '特种设备/电梯', emergency: false },
      ],
    });
    render(<ReportPage />);
    fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
    fireEvent.click(await screen.findByText('燃气泄漏/异味'));
    const warning = screen.getByText(/燃气抢修 962777 或 119/);
    const gasGroup = screen.getByText('燃气').parentElement as HTMLElement;
    expect(gasGroup.contains(warning)).toBe(true);

    fireEvent.click(screen.getByText('电梯故障/困人隐患'));
    expect(screen.queryByText(/燃气抢修 962777 或 119/)).toBeNull();
    const trapped = screen.getByText(/有人正被困在电梯内，请立即拨打 110 或 119/);
    expect((screen.getByText('特种设备/电梯').parentElement as HTMLElement).contains(trapped)).toBe(true);
    fireEvent.click(screen.getAllByText(/110 报警/)[0]);
    expect(taro.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '110' });
  });
});

test('a refused submit scrolls to the first error; an error clears once its field is fixed', async () => {
  jest.useFakeTimers();
  const scroll = jest.fn(() => Promise.resolve());
  (Taro as unknown as { pageScrollTo: jest.Mock }).pageScrollTo = scroll;
  try {
    await renderForm();
    fireEvent.click(screen.getByText('提交举报'));
    expect(await screen.findByText('请选择隐患类别')).toBeTruthy();
    act(() => {
      jest.advanceTimersByTime(100);
    });
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: '.report .field-error' }));

    fireEvent.click(screen.getByText('堵占消防通道'));
    expect(screen.queryByText('请选择隐患类别')).toBeNull();
    expect(screen.getByText('请选择所在居民区或村')).toBeTruthy(); // the others stay until fixed
    fireEvent.click(screen.getByText('共康二村'));
    expect(screen.queryByText('请选择所在居民区或村')).toBeNull();
  } finally {
    jest.useRealTimers();
  }
});

test('offline, the form opens from the categories and areas cached last time', async () => {
  const first = await renderForm();
  first.unmount();
  mocked.tipoff.options.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<ReportPage />);
  fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
  expect(await screen.findByText('堵占消防通道')).toBeTruthy();
  expect(screen.getByText('共康二村')).toBeTruthy();
});

test('offline with nothing cached, the failure is shown', async () => {
  mocked.tipoff.options.mockRejectedValue(new CloudError('NETWORK', '网络连接失败，请检查网络后重试'));
  render(<ReportPage />);
  fireEvent.click(screen.getByText('不是紧急情况，继续举报'));
  expect(await screen.findByText(/网络连接失败/)).toBeTruthy();
});
