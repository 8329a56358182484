import { fireEvent, render, screen } from '@testing-library/react';
import type { EnterpriseDuties } from '../../../types/inspection';
import { api } from '../../services/api';
import { CloudError } from '../../services/cloud-error';
import { DutiesCard } from './DutiesCard';

jest.mock('../../services/api', () => ({ api: { enterprise: { duties: jest.fn() } } }));
const duties = (api as unknown as { enterprise: { duties: jest.Mock } }).enterprise.duties;

const DUTIES: EnterpriseDuties = {
  enterpriseId: 'e1',
  enterpriseName: '庙行精密机械有限公司',
  highRisk: true,
  industryName: '工贸（涉爆粉尘）',
  areaName: '共康二村',
  drill: { kind: 'drill', state: 'dueSoon', lastOn: '2026-06-17', dueOn: '2026-12-17', daysLeft: 20, periodMonths: 6 },
  inspection: { kind: 'inspection', state: 'never', lastOn: null, dueOn: null, daysLeft: null, periodMonths: 1 },
};

beforeEach(() => jest.clearAllMocks());

test('shows the next drill and self-inspection due dates in plain words', async () => {
  duties.mockResolvedValue(DUTIES);
  render(<DutiesCard />);
  expect(await screen.findByText('下次应急演练')).toBeTruthy();
  expect(screen.getByText('还有 20 天')).toBeTruthy();
  expect(screen.getByText('2026 年 12 月 17 日前')).toBeTruthy();
  expect(screen.getByText('下次重大隐患自查')).toBeTruthy();
  expect(screen.getByText('尚无记录')).toBeTruthy();
  expect(screen.getByText('尚无记录，请尽快完成')).toBeTruthy();
  expect(screen.getByText('高危行业：每半年至少演练一次，每月至少自查一次。')).toBeTruthy();
  expect(duties).toHaveBeenCalledWith();
});

test('an overdue duty says by how many days; a failure offers 重试 without breaking the desk', async () => {
  duties.mockRejectedValueOnce(new CloudError('INTERNAL', '网络不太好'));
  render(<DutiesCard />);
  expect(await screen.findByText('到期时间暂时没有加载出来。')).toBeTruthy();
  duties.mockResolvedValueOnce({
    ...DUTIES,
    highRisk: false,
    drill: { ...DUTIES.drill, state: 'overdue', dueOn: '2026-11-16', daysLeft: -12 },
  });
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('已超期 12 天')).toBeTruthy();
  expect(screen.getByText('每年至少演练一次，每季度至少自查一次。')).toBeTruthy();
});
