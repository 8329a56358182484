/// <reference types="@tarojs/taro" />

declare module '*.css';
declare module '*.png';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5';
    /** The CloudBase environment id baked into the weapp build (see README). */
    TARO_APP_CLOUD_ENV?: string;
  }
}
