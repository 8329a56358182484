import { Input, Text, View } from '@tarojs/components';
import { Button } from '../../components/ui/Button';
import { Field } from '../../components/ui/Field';
import { FieldError } from '../../components/Form';
import type { TipoffDraft } from '../../services/draft';
import { currentPoint, pickOnMap } from './location';

interface Props {
  draft: TipoffDraft;
  error?: string;
  update: (patch: Partial<TipoffDraft>) => void;
}

/** The typed address, plus the map picker and GPS on weapp; without a point the area's centre stands in. */
export function LocationField({ draft, error, update }: Props) {
  const hasPoint = draft.latitude !== undefined && draft.longitude !== undefined;

  const fromMap = async () => {
    const point = await pickOnMap(hasPoint ? { latitude: draft.latitude!, longitude: draft.longitude! } : undefined);
    if (point) {
      update({
        latitude: point.latitude,
        longitude: point.longitude,
        ...(point.address ? { address: point.address.slice(0, 120) } : {}),
      });
    }
  };
  const fromGps = async () => {
    const point = await currentPoint();
    if (point) update({ latitude: point.latitude, longitude: point.longitude });
  };

  return (
    <View className="report__section report__location">
      <Field label="具体地址" required labelClassName="report__label" id="report-address">
        {(control) => (
          <Input
            className="form-input report__address"
            value={draft.address}
            maxlength={120}
            placeholder="如：共康二村 12 号楼北侧"
            onInput={(e) => update({ address: e.detail.value })}
            {...control}
          />
        )}
      </Field>
      {process.env.TARO_ENV === 'weapp' && (
        <View className="report__location-actions">
          <Button className="report__button--plain report__pick-map" inline onClick={fromMap}>
            在地图上选点
          </Button>
          <Button className="report__button--plain report__locate" inline onClick={fromGps}>
            使用当前位置
          </Button>
        </View>
      )}
      {hasPoint ? (
        <View className="report__point">
          <Text className="report__hint">已在地图上定位</Text>
          <Text className="report__point-clear" onClick={() => update({ latitude: undefined, longitude: undefined })}>
            清除定位
          </Text>
        </View>
      ) : (
        <Text className="report__hint">未定位时，以所选居民区 / 村的中心位置代替。</Text>
      )}
      <FieldError message={error} />
    </View>
  );
}
