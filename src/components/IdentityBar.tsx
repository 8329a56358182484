import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { currentOpenid, listLocalIdentities, setCurrentOpenid, type LocalIdentity } from '../services/identity';
import { resetSession } from '../hooks/useSession';
import './IdentityBar.css';

/** The select's value for "a person who has never used the app" (first visit, no roles). */
const NEWCOMER = '__newcomer__';

/** A fresh local openid: a first-time user, e.g. to try an invite code as a newcomer would. */
export function newcomerOpenid(): string {
  return `newcomer-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Local mode (h5 on the gateway): a visible switcher over the demo identities, plus 新用户 (a fresh identity).
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

  const choose = (picked: string) => {
    const next = picked === NEWCOMER ? newcomerOpenid() : picked;
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
        {!identities.some((i) => i.openid === openid) && <option value={openid}>当前：{openid}</option>}
        {identities.map((i) => (
          <option key={i.openid} value={i.openid}>
            {i.label}（{i.openid}）
          </option>
        ))}
        <option value={NEWCOMER}>＋ 新用户（首次使用，无任何身份）</option>
      </select>
    </View>
  );
}
