import Taro from '@tarojs/taro';

/** After a refused submit, bring the first field message of `form` into view (as the report form does). */
export function scrollToFirstError(form: string) {
  setTimeout(() => {
    try {
      void Promise.resolve(
        Taro.pageScrollTo({ selector: `${form} .field-error`, offsetTop: -80, duration: 200 }),
      ).catch(() => undefined);
    } catch {
      // scrolling is a convenience only
    }
  }, 50);
}
