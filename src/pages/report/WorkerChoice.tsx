import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '../../components/ui/Button';
import { a11y } from '../../components/ui/a11y';
import './WorkerChoice.css';
import { useRemote } from '../../hooks/useRemote';
import { loadSession } from '../../hooks/useSession';

/**
 * A worker of an enterprise first chooses where the report goes: to their own enterprise (the internal report
 * form in the enterprise subpackage) or straight to the town (this form). Residents never see it.
 */
export function WorkerChoice() {
  // Through a promise: a failing login only hides the card, it never breaks the form.
  const session = useRemote(() => Promise.resolve().then(loadSession), []);
  const [dismissed, setDismissed] = useState(false);
  const s = session.data;
  if (dismissed || !s || !s.roles.includes('worker') || !s.enterpriseId) return null;
  return (
    <View className="report__section report__worker-choice" {...a11y({ role: 'group', label: '选择报告对象' })}>
      <Text className="report__label">您是企业员工：这条隐患报给谁？</Text>
      <Text className="report__hint">
        报给本企业：由企业的安全管理人员处理，可以匿名；2 个工作日内不受理会自动转报镇里。
      </Text>
      <Text className="report__hint">直接报给镇里：由镇里的相关部门处理。</Text>
      <View className="report__worker-choice-actions">
        <Button
          kind="primary"
          className="report__to-enterprise"
          onClick={() => void Taro.navigateTo({ url: '/enterprise/pages/report/index' })}
        >
          先报给本企业
        </Button>
        <Button className="report__to-town" onClick={() => setDismissed(true)}>
          直接报给镇里
        </Button>
      </View>
    </View>
  );
}
