import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import RegisterPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, tipoff: { options: jest.fn() }, enterprise: { register: jest.fn() } },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as {
  user: { login: jest.Mock };
  tipoff: { options: jest.Mock };
  enterprise: { register: jest.Mock };
};
const type = (placeholder: RegExp, value: string) =>
  fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  (Taro as unknown as { clearStorageSync: () => void }).clearStorageSync();
  mocked.user.login.mockResolvedValue({ openid: 'm', roles: ['resident', 'worker', 'safetyManager'], uploadKey: 'u' });
  mocked.tipoff.options.mockResolvedValue({
    categories: [],
    areas: [{ id: 'gk2', name: '共康二村', kind: 'community', latitude: 31.33, longitude: 121.44 }],
    departments: [],
  });
});

async function fill() {
  render(<RegisterPage />);
  await screen.findByPlaceholderText(/与营业执照一致/);
  type(/与营业执照一致/, '庙行精密机械有限公司');
  type(/18 位，见营业执照/, '91310113MA1GK0DEMT');
  fireEvent.click(screen.getByText('危险化学品'));
  fireEvent.click(screen.getByText('共康二村'));
  type(/长江西路/, '长江西路 100 号');
  type(/^姓名$/, '王经理');
  type(/11 位手机号/, '13812345678');
  type(/如 35/, '35');
}

describe('register an enterprise', () => {
  test('industries come from the town list; submitting says it waits for 镇安委办', async () => {
    mocked.enterprise.register.mockResolvedValue({ id: 'e9', status: 'pending' });
    await fill();
    fireEvent.click(screen.getByText('提交登记'));
    expect(await screen.findByText('已提交，等待镇安委办审核')).toBeTruthy();
    expect(mocked.enterprise.register).toHaveBeenCalledWith(
      expect.objectContaining({
        creditCode: '91310113MA1GK0DEMT',
        industry: 'chemicals',
        areaId: 'gk2',
        workerCount: 35,
      }),
    );
  });

  test("the server's refusal of a duplicate credit code lands on the field", async () => {
    mocked.enterprise.register.mockRejectedValue(
      new CloudError('INVALID_INPUT', '输入有误', [{ path: 'creditCode', message: '该统一社会信用代码已登记' }]),
    );
    await fill();
    fireEvent.click(screen.getByText('提交登记'));
    expect(await screen.findByText('该统一社会信用代码已登记')).toBeTruthy();
    expect(screen.getByText('请按提示修改后再提交')).toBeTruthy();
  });

  test('a manager who already has an enterprise is sent to the desk instead', async () => {
    mocked.user.login.mockResolvedValue({
      openid: 'm',
      roles: ['worker', 'safetyManager'],
      uploadKey: 'u',
      enterpriseId: 'e1',
    });
    render(<RegisterPage />);
    expect(await screen.findByText('您已登记企业')).toBeTruthy();
    await waitFor(() => expect(mocked.tipoff.options).not.toHaveBeenCalled());
  });
});
