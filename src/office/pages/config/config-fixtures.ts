// Test data for the 系统配置 pages: the town's own files as the server seeds them (version 1, 初始配置).
import type { ConfigView, TownConfigKey } from '../../../../types/town-config';
import { TOWN_CONFIG_LABELS } from '../../../../types/town-config';
import departments from '../../../../config/town/departments.json';
import areas from '../../../../config/town/areas.json';
import categories from '../../../../config/town/categories.json';
import routing from '../../../../config/town/routing.json';
import sla from '../../../../config/town/sla.json';
import blockedWords from '../../../../config/town/blocked-words.json';

export const SEED: Record<TownConfigKey, unknown> = {
  departments,
  areas: areas.areas,
  categories,
  routing,
  sla,
  blockedWords: { words: blockedWords.words },
};

export function seedView(key: TownConfigKey, over: Partial<ConfigView> = {}): ConfigView {
  const copy = JSON.parse(JSON.stringify(SEED[key])) as unknown;
  return {
    key,
    label: TOWN_CONFIG_LABELS[key],
    version: 1,
    current: true,
    data: copy,
    by: '初始配置',
    at: '2026-11-01T00:00:00+08:00',
    history: [{ version: 1, by: '初始配置', at: '2026-11-01T00:00:00+08:00' }],
    ...over,
  };
}
