import { Map, Text, View, type MapProps } from '@tarojs/components';

/** Where the hazard is: a map with a marker on weapp, the coordinates in the browser. */
export function ReportLocation({
  latitude,
  longitude,
  address,
}: {
  latitude: number;
  longitude: number;
  address: string;
}) {
  return (
    <View className="detail__location">
      <Text className="detail__line">地址：{address}</Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <Map
          className="detail__map"
          latitude={latitude}
          longitude={longitude}
          scale={16}
          // No iconPath: WeChat draws its default marker.
          markers={[{ id: 1, latitude, longitude, width: 30, height: 40 } as unknown as MapProps.marker]}
          onError={() => undefined}
        />
      ) : (
        <Text className="detail__line detail__coords">
          坐标（GCJ-02）：{latitude.toFixed(5)}, {longitude.toFixed(5)}
        </Text>
      )}
    </View>
  );
}
