import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { a11y, pressable } from './ui/a11y';
import { goBack, HOME } from '../services/navigate';
import './TitleBar.css';

/** The page's title from its config (h5 loads the page before rendering it), else the document title. */
function pageTitle(): string {
  const config = Taro.getCurrentInstance?.()?.page?.config as { navigationBarTitleText?: string } | undefined;
  return config?.navigationBarTitleText ?? (typeof document === 'undefined' ? '' : document.title);
}

/** Whether `path` (the router's, maybe with `?stamp=`) is the home page, which needs no 返回. */
export const isHomePath = (path: string | undefined) => path?.split('?')[0] === HOME;

/**
 * h5 only (WeChat draws its own navigation bar): the page title and 返回, which goes to the previous page, or to
 * 首页 when the page was opened directly (a link, a reload). Not shown on 首页 itself.
 */
export function TitleBar({ title: override }: { title?: string } = {}) {
  const path = useRouter().path;
  // Captured once: pages stay mounted under the next one, whose load changes the current instance.
  const [configured] = useState(pageTitle);
  const title = override ?? configured;
  if (isHomePath(path)) return null;
  return (
    <View className="title-bar">
      <View
        className="title-bar__back"
        {...a11y({ role: 'button', label: '返回上一页' })}
        {...pressable(() => void goBack())}
      >
        <Text className="title-bar__chevron" aria-hidden="true">
          ‹
        </Text>
        <Text>返回</Text>
      </View>
      <Text className="title-bar__title" {...a11y({ role: 'heading' })} {...{ 'aria-level': '1' }}>
        {title}
      </Text>
    </View>
  );
}
