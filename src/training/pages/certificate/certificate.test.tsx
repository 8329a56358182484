import { fireEvent, render, screen } from '@testing-library/react';
import { api } from '../../../services/api';
import { CloudError } from '../../../services/cloud-error';
import { setRouterParams } from '../../../test-support/taro';
import CertificatePage from './index';

jest.mock('../../../services/api', () => ({ api: { training: { verifyCertificate: jest.fn() } } }));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));
const mocked = api as unknown as { training: { verifyCertificate: jest.Mock } };

const cert = {
  code: 'ABCD2345EFGH',
  name: '张师傅',
  quizTitle: '消防安全月考',
  scorePercent: 90,
  passedOn: '2026-11-29',
  issuer: '庙行镇安全生产委员会办公室',
};

beforeEach(() => {
  jest.clearAllMocks();
  setRouterParams({});
});

test('a 12-character code shows name, quiz, score, date and issuer', async () => {
  mocked.training.verifyCertificate.mockResolvedValue(cert);
  render(<CertificatePage />);
  fireEvent.change(screen.getByPlaceholderText('12 位编号'), { target: { value: 'abcd 2345 efgh' } });
  fireEvent.click(screen.getByText('查询'));
  expect(await screen.findByText('✓ 证书真实有效')).toBeTruthy();
  expect(mocked.training.verifyCertificate).toHaveBeenCalledWith('ABCD2345EFGH');
  for (const s of ['张师傅', '消防安全月考', '90 分', '2026-11-29', '庙行镇安全生产委员会办公室']) {
    expect(screen.getByText(s)).toBeTruthy();
  }
});

test('a malformed code is refused before asking; an unknown one said plainly; ?code= looks up at once', async () => {
  render(<CertificatePage />);
  fireEvent.change(screen.getByPlaceholderText('12 位编号'), { target: { value: 'ABC' } });
  fireEvent.click(screen.getByText('查询'));
  expect(await screen.findByText('证书编号为 12 位字母和数字，请核对后重新输入')).toBeTruthy();
  expect(mocked.training.verifyCertificate).not.toHaveBeenCalled();
  mocked.training.verifyCertificate.mockRejectedValue(new CloudError('NOT_FOUND', '证书编号不存在'));
  fireEvent.change(screen.getByPlaceholderText('12 位编号'), { target: { value: 'ABCD2345EFGH' } });
  fireEvent.click(screen.getByText('查询'));
  expect(await screen.findByText('没有这个编号的证书，请核对后重试')).toBeTruthy();
});

test('opened with ?code=', async () => {
  setRouterParams({ code: 'ABCD2345EFGH' });
  mocked.training.verifyCertificate.mockResolvedValue(cert);
  render(<CertificatePage />);
  expect(await screen.findByText('张师傅')).toBeTruthy();
});
