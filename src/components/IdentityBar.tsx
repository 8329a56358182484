import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { currentOpenid, listLocalIdentities, setCurrentOpenid, type LocalIdentity } from '../services/identity';
import { resetSession } from '../hooks/useSession';
import './IdentityBar.css';

/**
 * Local mode (h5 on the gateway): a visible switcher over the demo identities.
 * Switching reloads the page so every screen starts again as the new person.
 */
export function IdentityBar({ onSwitch }: { onSwitch?: (openid: string) => void }) {
  const [identities, setIdentities] = useState<LocalIdentity[]>([]);
  const [failed, setFailed] = useState(false);
  const openid = currentOpenid();

  useEffect(() => {
    listLocalIdentities()
      .then(setIdentities)
      .catch(() => setFailed(true));
  }, []);

  if (process.env.TARO_ENV !== 'h5') return null;

  const choose = (next: string) => {
    if (next === openid) return;
    setCurrentOpenid(next);
    resetSession();
    if (onSwitch) onSwitch(next);
    else window.location.reload();
  };

  return (
    <View className="identity-bar">
      <Text className="identity-bar__label">本地演示身份：</Text>
      {failed && <Text className="identity-bar__error">（无法读取身份列表）</Text>}
      <select
        className="identity-bar__select"
        aria-label="切换演示身份"
        value={openid}
        onChange={(e) => choose(e.target.value)}
      >
        {identities.length === 0 && <option value={openid}>{openid}</option>}
        {identities.map((i) => (
          <option key={i.openid} value={i.openid}>
            {i.label}（{i.openid}）
          </option>
        ))}
      </select>
    </View>
  );
}
