import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { resetSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import LedgerPage from './index';

jest.mock('../../../services/api', () => ({
  api: { user: { login: jest.fn() }, admin: { ledger: jest.fn(), ledgerProgress: jest.fn() }, tipoff: {} },
}));
jest.mock('../../../components/Shell', () => ({
  Shell: ({ children }: { children: React.ReactNode }) => <div>{children}</div>,
}));

const mocked = api as unknown as { user: { login: jest.Mock }; admin: Record<string, jest.Mock> };
const HEAD = { openid: 'x', roles: ['resident', 'staff', 'head'], uploadKey: 'u', departmentId: 'XF' };

beforeEach(() => {
  jest.clearAllMocks();
  resetSession();
  mocked.user.login.mockResolvedValue(HEAD);
  mocked.admin.ledger.mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20 });
});

test('待审核 lists the entries enterprises asked to close (status rectified)', async () => {
  render(<LedgerPage />);
  fireEvent.click(await screen.findByText('待审核'));
  await waitFor(() =>
    expect(mocked.admin.ledger).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'rectified' })),
  );
});
