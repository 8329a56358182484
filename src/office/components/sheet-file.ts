// Moving an .xlsx between the phone / browser and the `trainingio` function, as base64 (the file is small:
// the 209 questions of today are 57 KB). weapp: pick from a chat (chooseMessageFile), open the export with
// openDocument (share or save from there); h5: a file input and a download link.
import Taro from '@tarojs/taro';
import type { ExportedSheet } from '../../../types/training-admin';

export interface PickedSheet {
  name: string;
  base64: string;
}

/** Shows the exported file to the person (weapp: opened, with the share menu; h5: downloaded). */
export async function saveSheet(sheet: ExportedSheet): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const filePath = `${Taro.env.USER_DATA_PATH}/${sheet.fileName}`;
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({
        filePath,
        data: sheet.base64,
        encoding: 'base64',
        success: () => resolve(),
        fail: reject,
      }),
    );
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const bytes = Uint8Array.from(atob(sheet.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: sheet.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = sheet.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Lets the person choose an .xlsx; null when they cancel. */
export async function pickSheet(): Promise<PickedSheet | null> {
  if (process.env.TARO_ENV === 'weapp') {
    let picked: Taro.chooseMessageFile.SuccessCallbackResult;
    try {
      picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
    } catch {
      return null;
    }
    const file = picked.tempFiles[0];
    if (!file) return null;
    const base64 = await new Promise<string>((resolve, reject) =>
      Taro.getFileSystemManager().readFile({
        filePath: file.path,
        encoding: 'base64',
        success: (r) => resolve(r.data as string),
        fail: reject,
      }),
    );
    return { name: file.name, base64 };
  }
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.onchange = () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      const reader = new FileReader();
      reader.onload = () => resolve({ name: file.name, base64: String(reader.result).replace(/^data:[^,]*,/, '') });
      reader.onerror = () => resolve(null);
      reader.readAsDataURL(file);
    };
    input.click();
  });
}
