// Small React DOM stand-ins for @tarojs/components in jsdom tests (see TOOLCHAIN.md: faster than test-utils).
import React from 'react';

type Props = React.PropsWithChildren<Record<string, unknown>>;
type InputEvent = { detail: { value: string } };

function pick(props: Props) {
  const { className, id, style, tabIndex, onKeyDown } = props as {
    className?: string;
    id?: string;
    style?: React.CSSProperties;
    tabIndex?: number;
    onKeyDown?: React.KeyboardEventHandler;
  };
  // role and aria-* pass through as on h5 (Taro writes them as attributes); nativeProps reach the inner input.
  const a11y = Object.fromEntries(Object.entries(props).filter(([k]) => k === 'role' || k.startsWith('aria-')));
  const native = (props.nativeProps as Record<string, string> | undefined) ?? {};
  return { className, id, style, tabIndex, onKeyDown, ...a11y, ...native };
}

export const View = (props: Props) => (
  <div {...pick(props)} onClick={props.onClick as React.MouseEventHandler}>
    {props.children}
  </div>
);
export const Text = (props: Props) => (
  <span {...pick(props)} onClick={props.onClick as React.MouseEventHandler}>
    {props.children}
  </span>
);
export const Image = (props: Props) => (
  <img {...pick(props)} src={props.src as string} alt="" onClick={props.onClick as React.MouseEventHandler} />
);
export const Button = (props: Props) => (
  <button {...pick(props)} disabled={!!props.disabled} onClick={props.onClick as React.MouseEventHandler}>
    {props.children}
  </button>
);
const onInput = (props: Props) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
  (props.onInput as ((e: InputEvent) => void) | undefined)?.({ detail: { value: e.target.value } });
export const Input = (props: Props) => (
  <input
    {...pick(props)}
    placeholder={props.placeholder as string}
    value={(props.value as string) ?? ''}
    disabled={!!props.disabled}
    onChange={onInput(props)}
  />
);
export const Textarea = (props: Props) => (
  <textarea
    {...pick(props)}
    placeholder={props.placeholder as string}
    value={(props.value as string) ?? ''}
    onChange={onInput(props)}
  />
);
export const Picker = (props: Props) => <div {...pick(props)}>{props.children}</div>;
export const ScrollView = View;
export const Map = (props: Props) => <div {...pick(props)} data-map />;
export const Canvas = (props: Props) => <canvas {...pick(props)} />;
