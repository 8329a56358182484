import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { resetSession } from '../../../hooks/useSession';
import RecordPage from './index';

jest.mock('../../../services/api', () => ({
  api: {
    queue: { record: jest.fn() },
    tipoff: { options: jest.fn() },
    user: { login: jest.fn(), uploadKey: jest.fn() },
  },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  queue: { record: jest.Mock };
  tipoff: { options: jest.Mock };
  user: { login: jest.Mock };
};

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue({ openid: 'staff-XF', roles: ['staff'], departmentId: 'XF' });
  mocked.tipoff.options.mockResolvedValue({
    categories: [{ id: 'gas-facility', name: '燃气设施', group: '燃气', emergency: false }],
    areas: [{ id: 'gk5', name: '共康五村', kind: 'community', latitude: 31.3318, longitude: 121.4447 }],
    departments: [],
  });
});

async function fillForm() {
  fireEvent.click(await screen.findByText('12345 热线'));
  fireEvent.click(screen.getByText('燃气设施'));
  fireEvent.click(screen.getByText('共康五村'));
  fireEvent.change(screen.getByPlaceholderText(/共康二村 12 号楼/), { target: { value: '共康五村 3 号楼' } });
  fireEvent.change(screen.getByPlaceholderText(/来电/), { target: { value: '燃气管道接口锈蚀有异味' } });
}

test('a 12345 工单 needs its number; once given it is recorded at the area centre and the routing is shown', async () => {
  mocked.queue.record.mockResolvedValue({
    id: 't1',
    no: 'MX-2026-000042',
    status: 'assigned',
    channel: 'hotline12345',
    externalNo: 'GD2026-0001',
    departmentId: 'CJ',
    departmentName: '城建',
  });
  render(<RecordPage />);
  await fillForm();
  fireEvent.click(screen.getByText('登记并分派'));
  expect(await screen.findByText('请填写12345 工单号')).toBeTruthy();
  expect(mocked.queue.record).not.toHaveBeenCalled();

  fireEvent.change(screen.getByPlaceholderText(/GD20261129001/), { target: { value: 'gd2026-0001' } });
  fireEvent.change(screen.getByPlaceholderText('手机号或带区号的固定电话'), { target: { value: '021-56781234' } });
  fireEvent.click(screen.getByText('登记并分派'));
  expect(await screen.findByText('已登记 MX-2026-000042')).toBeTruthy();
  expect(screen.getByText(/已按规则分派至 城建/)).toBeTruthy();
  expect(mocked.queue.record).toHaveBeenCalledWith(
    expect.objectContaining({
      channel: 'hotline12345',
      externalNo: 'GD2026-0001',
      categoryId: 'gas-facility',
      areaId: 'gk5',
      location: { latitude: 31.3318, longitude: 121.4447, address: '共康五村 3 号楼' },
      contact: { phone: '02156781234' },
      photos: [],
    }),
  );
});

test('a duplicate outside number is said on the form, naming the case', async () => {
  mocked.queue.record.mockRejectedValue(
    new CloudError('CONFLICT', '该12345 工单号 GD2026-0001 已登记为 MX-2026-000007，请勿重复登记'),
  );
  render(<RecordPage />);
  await fillForm();
  fireEvent.change(screen.getByPlaceholderText(/GD20261129001/), { target: { value: 'GD2026-0001' } });
  fireEvent.click(screen.getByText('登记并分派'));
  await waitFor(() => expect(screen.getByText(/已登记为 MX-2026-000007/)).toBeTruthy());
});

test('a resident sees 无权访问, not the form', async () => {
  mocked.user.login.mockResolvedValue({ openid: 'resident-demo', roles: ['resident'] });
  render(<RecordPage />);
  await waitFor(() => expect(screen.queryByText('登记并分派')).toBeNull());
  expect(await screen.findByText(/无权/)).toBeTruthy();
});
