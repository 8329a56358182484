import type { TipoffOptions } from '../../../types';
import { emptyDraft } from '../../services/draft';
import { buildSubmission } from './form';

const OPTIONS: TipoffOptions = {
  categories: [{ id: 'fire-passage', name: '堵占消防通道', group: '消防', emergency: false }],
  areas: [{ id: 'gk2', name: '共康二村', kind: 'community', latitude: 31.3302, longitude: 121.4426 }],
  departments: [],
};

const draft = (patch: Record<string, unknown>) => ({
  ...emptyDraft(),
  categoryId: 'fire-passage',
  description: '12 号楼消防通道常年停车',
  areaId: 'gk2',
  address: '共康二村 12 号楼',
  anonymous: true,
  ...patch,
});

test('a point outside the town is refused next to the location, before anything is sent', () => {
  expect(buildSubmission(draft({ latitude: -5, longitude: 121.44 }), OPTIONS).errors).toEqual({
    address: '位置不在庙行镇范围内',
  });
  expect(buildSubmission(draft({}), OPTIONS).errors).toEqual({});
});

test('invisible characters do not make a description', () => {
  expect(buildSubmission(draft({ description: '\u200b'.repeat(8) }), OPTIONS).errors.description).toBe(
    '描述至少 5 个字',
  );
});
