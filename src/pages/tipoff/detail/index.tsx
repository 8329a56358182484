import { View } from '@tarojs/components';
import { Button } from '../../../components/ui/Button';
import Taro, { useRouter } from '@tarojs/taro';
import { PageState } from '../../../components/PageState';
import { Shell } from '../../../components/Shell';
import { TipoffView } from '../../../components/TipoffView';
import { useRemote } from '../../../hooks/useRemote';
import { isStaff, useSession } from '../../../hooks/useSession';
import { api } from '../../../services/api';
import { askStatusSubscription, canAskSubscription } from '../../../services/subscribe';
import { useReshown } from '../../../hooks/useReshown';
import './index.css';

/** One of the user's own reports (from 我的举报 or a message). */
export default function TipoffDetailPage() {
  const id = useRouter().params.id ?? '';
  const shown = useReshown();
  const detail = useRemote(() => api.tipoff.detail(id), [id, shown]);
  const session = useSession();

  const rate = async (score: number, comment?: string) => {
    await api.tipoff.rate({ id, score, ...(comment ? { comment } : {}) });
    Taro.showToast({ title: '感谢您的评价', icon: 'success' });
    detail.reload();
  };

  const urge = async () => {
    const res = await api.tipoff.urge({ id });
    Taro.showToast({ title: '已催办', icon: 'success' });
    return res.urgedOn;
  };

  return (
    <Shell className="tipoff-detail">
      {detail.data && !detail.error ? (
        <View className="tipoff-detail__body">
          <TipoffView detail={detail.data} onRate={rate} onUrge={urge} />
          {canAskSubscription() && (
            <Button
              kind="primary"
              className="tipoff-detail__subscribe"
              inline
              onClick={() => void askStatusSubscription()}
            >
              接收进度通知
            </Button>
          )}
        </View>
      ) : (
        <View>
          <PageState loading={detail.loading && !detail.data} error={detail.error} onRetry={detail.reload} />
          {/* Staff reach here from a department reminder: the case is theirs to see in the queue. */}
          {detail.error?.code === 'NOT_FOUND' && isStaff(session.data) && (
            <View className="tipoff-detail__staff">
              <Button
                inline
                onClick={() => Taro.redirectTo({ url: `/staff/pages/detail/index?id=${encodeURIComponent(id)}` })}
              >
                在部门待办中查看
              </Button>
            </View>
          )}
        </View>
      )}
    </Shell>
  );
}
