// What each audience is shown of a report: a follower never the photos or address; staff see the 未审核 and
// 照片已屏蔽 marks the server sets.
import { render, screen } from '@testing-library/react';
import type { FollowedTipoffDetail } from '../../types';
import { QueueCard } from '../staff/components/QueueCard';
import { queueItem, tipoffDetail } from '../test-support/fixtures';
import { TipoffView } from './TipoffView';

jest.mock('../services/transport', () => ({ mediaUrl: (url: string) => url }));

const FOLLOWED: FollowedTipoffDetail = {
  view: 'follower',
  id: 't1',
  no: 'MX-2026-000007',
  status: 'rectifying',
  categoryId: 'fire-passage',
  categoryName: '堵占消防通道',
  areaName: '共康二村',
  description: '消防通道被私家车长期堵占',
  departmentName: '消防救援',
  createdAt: '2026-11-20T09:00:00+08:00',
  timeline: [{ at: '2026-11-22T10:00:00+08:00', from: 'verified', to: 'rectifying', note: '已责令物业整改' }],
  followers: 3,
  progress: { text: '消防救援正在督促整改', overdue: false },
};

test('a follower sees status and public notes, never photos, the address or a rating form', () => {
  const { container } = render(<TipoffView detail={FOLLOWED} onRate={jest.fn()} />);
  expect(screen.getByText('已责令物业整改')).toBeTruthy();
  expect(screen.getByText('附议 3 人')).toBeTruthy();
  expect(container.querySelector('.photos__thumb')).toBeNull();
  expect(container.textContent).not.toContain('地址');
  expect(container.textContent).not.toContain('满意');
});

test('the reporter sees the photos from the server-made URLs and the address', () => {
  const { container } = render(
    <TipoffView detail={tipoffDetail({ photoUrls: ['https://tmp.example/a.jpg?sign=1'] })} onRate={jest.fn()} />,
  );
  expect(container.querySelector('.photos__thumb')?.getAttribute('src')).toBe('https://tmp.example/a.jpg?sign=1');
  expect(container.textContent).toContain('地址：共康二村 12 号楼北侧');
});

const ITEM = queueItem({ id: 't2', no: 'MX-2026-000002', routing: { ruleId: 'R05', reason: '规则 R05' } });

test('a queue card marks a report whose content could not be checked, and one with a hidden photo', () => {
  const { container, rerender } = render(<QueueCard item={ITEM} />);
  expect(container.textContent).not.toContain('未审核');
  expect(container.textContent).not.toContain('照片已屏蔽');
  rerender(<QueueCard item={{ ...ITEM, moderation: 'unchecked', photoFlagged: true }} />);
  expect(screen.getByText('未审核').className).toContain('queue__unchecked');
  expect(screen.getByText('照片已屏蔽').className).toContain('queue__flagged');
});
