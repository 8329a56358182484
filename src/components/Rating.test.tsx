import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CloudError } from '../services/cloud-error';
import { RatingForm } from './Rating';
import { TipoffView } from './TipoffView';
import { tipoffDetail } from '../test-support/fixtures';

jest.mock('../services/transport', () => ({ mediaUrl: (url: string) => url }));

const DETAIL = tipoffDetail({
  timeline: [
    { at: '2026-11-20T09:00:00+08:00', from: null, to: 'assigned', departmentName: '消防救援', note: '已分派' },
    { at: '2026-11-28T15:30:00+08:00', from: 'rectified', to: 'closed', departmentName: '消防救援', note: '已销号' },
  ],
  photoUrls: ['/storage/p1.jpg?exp=1&sig=a'],
  followers: 2,
});

test('a rating needs a star; the score and comment are sent', async () => {
  const onSubmit = jest.fn().mockResolvedValue(undefined);
  const { container } = render(<RatingForm onSubmit={onSubmit} />);
  fireEvent.click(screen.getByText('提交评价'));
  expect(await screen.findByText('请选择 1–5 星')).toBeTruthy();
  expect(onSubmit).not.toHaveBeenCalled();

  fireEvent.click(container.querySelector('.rating__star-4') as HTMLElement);
  expect(container.querySelectorAll('.rating__star--on')).toHaveLength(4);
  expect(screen.getByText('满意')).toBeTruthy();
  fireEvent.change(screen.getByPlaceholderText(/说说处理得怎么样/), { target: { value: '  处理很快 ' } });
  fireEvent.click(screen.getByText('提交评价'));
  await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(4, '处理很快'));
});

test('an empty comment is left out', async () => {
  const onSubmit = jest.fn().mockResolvedValue(undefined);
  const { container } = render(<RatingForm onSubmit={onSubmit} />);
  fireEvent.click(container.querySelector('.rating__star-5') as HTMLElement);
  fireEvent.click(screen.getByText('提交评价'));
  await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(5, undefined));
});

test('a failed send shows why and keeps the comment', async () => {
  const onSubmit = jest.fn().mockRejectedValueOnce(new CloudError('CONFLICT', '已经评价过了'));
  const { container } = render(<RatingForm onSubmit={onSubmit} />);
  fireEvent.click(container.querySelector('.rating__star-2') as HTMLElement);
  fireEvent.change(screen.getByPlaceholderText(/说说处理得怎么样/), { target: { value: '太慢了' } });
  fireEvent.click(screen.getByText('提交评价'));
  expect(await screen.findByText('已经评价过了')).toBeTruthy();
  expect((screen.getByPlaceholderText(/说说处理得怎么样/) as HTMLTextAreaElement).value).toBe('太慢了');
  expect((screen.getByText('提交评价') as HTMLButtonElement).disabled).toBe(false);
});

test('the report view offers rating only when canRate, and shows a given rating instead', () => {
  const onRate = jest.fn();
  const { rerender, container } = render(<TipoffView detail={DETAIL} onRate={onRate} />);
  expect(screen.getByText('对处理结果满意吗？')).toBeTruthy();
  // The rest of the view: timeline with department, followers, photo.
  expect(screen.getByText('附议 2 人')).toBeTruthy();
  expect(screen.getAllByText('消防救援').length).toBeGreaterThan(0);
  expect(screen.getByText('2026-11-28 15:30')).toBeTruthy();
  expect(container.querySelector('.photos__thumb')?.getAttribute('src')).toBe('/storage/p1.jpg?exp=1&sig=a');

  rerender(<TipoffView detail={{ ...DETAIL, status: 'rectifying', canRate: false }} onRate={onRate} />);
  expect(screen.queryByText('对处理结果满意吗？')).toBeNull();

  rerender(
    <TipoffView
      detail={{ ...DETAIL, canRate: false, rating: { score: 3, comment: '还行', at: '2026-11-29T10:00:00+08:00' } }}
      onRate={onRate}
    />,
  );
  expect(screen.queryByText('对处理结果满意吗？')).toBeNull();
  expect(screen.getByText('您的评价')).toBeTruthy();
  expect(screen.getByText('还行')).toBeTruthy();
  expect(container.querySelectorAll('.rating__star--on')).toHaveLength(3);
});
