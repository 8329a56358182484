// The drill record's .xlsx from `drillio`, as base64: weapp opens it (share or save from there), h5 downloads it.
// The same steps as office/components/sheet-file.ts (a subpackage cannot import another's files).
import Taro from '@tarojs/taro';
import type { DrillExport } from '../../../types/drill';

export async function saveRecordFile(file: DrillExport): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const filePath = `${Taro.env.USER_DATA_PATH}/${file.fileName}`;
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({
        filePath,
        data: file.base64,
        encoding: 'base64',
        success: () => resolve(),
        fail: reject,
      }),
    );
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
