import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CHANNEL_LABELS, TIPOFF_CHANNELS, type TipoffChannel } from '../../../../types/channels';
import { Chip, ChipGroup, a11y } from '../../../components/ui';
import { PageState } from '../../../components/PageState';
import { useRemote } from '../../../hooks/useRemote';
import { api } from '../../../services/api';

export interface Filters {
  categoryId?: string;
  areaId?: string;
  channel?: TipoffChannel;
}

/**
 * Category and area filters, folded away until asked for (the lists are long). The categories are only
 * those this scope handles (`queue.counts` `categories`); the areas are the town's.
 */
export function QueueFilters({
  value,
  categories = [],
  onChange,
}: {
  value: Filters;
  categories?: { id: string; name: string }[];
  onChange: (f: Filters) => void;
}) {
  const [open, setOpen] = useState(false);
  const options = useRemote(() => api.tipoff.options(), []);
  const active = !!(value.categoryId || value.areaId || value.channel);
  const channelName = value.channel ? CHANNEL_LABELS[value.channel] : undefined;
  const categoryName = categories.find((c) => c.id === value.categoryId)?.name;
  const areaName = options.data?.areas.find((a) => a.id === value.areaId)?.name;

  return (
    <View className="queue__filters">
      <Chip
        className="queue__filter-toggle"
        active={active}
        label={active ? `筛选：${[categoryName, areaName, channelName].filter(Boolean).join(' · ')}` : '筛选 ▾'}
        onClick={() => setOpen(!open)}
      />
      {open && (
        <View className="queue__filter-panel">
          {options.data ? (
            <View>
              <Text className="queue__filter-label">隐患类别</Text>
              <ChipGroup label="隐患类别">
                <Chip
                  active={!value.categoryId}
                  label="全部类别"
                  onClick={() => onChange({ ...value, categoryId: undefined })}
                />
                {categories.map((c) => (
                  <Chip
                    key={c.id}
                    active={value.categoryId === c.id}
                    label={c.name}
                    onClick={() => onChange({ ...value, categoryId: c.id })}
                  />
                ))}
              </ChipGroup>
              <Text className="queue__filter-label">居民区 / 村</Text>
              <ChipGroup label="居民区 / 村">
                <Chip
                  active={!value.areaId}
                  label="全部区域"
                  onClick={() => onChange({ ...value, areaId: undefined })}
                />
                {options.data.areas.map((a) => (
                  <Chip
                    key={a.id}
                    active={value.areaId === a.id}
                    label={a.name}
                    onClick={() => onChange({ ...value, areaId: a.id })}
                  />
                ))}
              </ChipGroup>
              <Text className="queue__filter-label">来源渠道</Text>
              <ChipGroup label="来源渠道">
                <Chip
                  active={!value.channel}
                  label="全部来源"
                  onClick={() => onChange({ ...value, channel: undefined })}
                />
                {TIPOFF_CHANNELS.map((c) => (
                  <Chip
                    key={c}
                    className={`queue__filter-channel-${c}`}
                    active={value.channel === c}
                    label={CHANNEL_LABELS[c]}
                    onClick={() => onChange({ ...value, channel: c })}
                  />
                ))}
              </ChipGroup>
              <View className="queue__filter-actions">
                <Text className="queue__filter-clear" {...a11y({ role: 'button' })} onClick={() => onChange({})}>
                  清除筛选
                </Text>
                <Text className="queue__filter-close" {...a11y({ role: 'button' })} onClick={() => setOpen(false)}>
                  收起
                </Text>
              </View>
            </View>
          ) : (
            <PageState loading={options.loading} error={options.error} onRetry={options.reload} />
          )}
        </View>
      )}
    </View>
  );
}
