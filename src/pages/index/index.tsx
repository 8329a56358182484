import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Shell } from '../../components/Shell';
import { isStaff, useSession } from '../../hooks/useSession';
import './index.css';

const go = (url: string) => () => Taro.navigateTo({ url });

export default function Index() {
  const session = useSession();
  const staff = isStaff(session.data);

  return (
    <Shell className="home">
      <View className="home__hero">
        <Text className="home__title">庙行安全</Text>
        <Text className="home__subtitle">发现隐患 随手一拍 · 人人都是安全员</Text>
      </View>

      <View className="home__emergency">
        <Text>正在发生火灾、燃气泄漏或有人受伤？请先拨打 119 / 110，燃气抢修 962777。</Text>
      </View>

      <View className="home__actions">
        <View className="home__card home__card--primary" onClick={go('/pages/report/index')}>
          <Text className="home__card-title">隐患随手拍</Text>
          <Text className="home__card-text">拍照举报身边的安全隐患，可匿名</Text>
        </View>
        <View className="home__card" onClick={go('/pages/mine/index')}>
          <Text className="home__card-title">我的举报</Text>
          <Text className="home__card-text">查看处理进度</Text>
        </View>
        {staff && (
          <View className="home__card home__card--staff" onClick={go('/staff/pages/queue/index')}>
            <Text className="home__card-title">部门待办</Text>
            <Text className="home__card-text">处理分派到本部门的举报</Text>
          </View>
        )}
      </View>

      {session.error && <Text className="home__warning">登录失败：{session.error.message}</Text>}
    </Shell>
  );
}
