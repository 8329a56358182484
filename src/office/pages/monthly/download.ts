// Downloading a stored monthly workbook (issue 11) from its short-lived URL: weapp downloads it and opens it
// with the share menu (转发 / 保存); h5 follows the URL as a download.
import Taro from '@tarojs/taro';
import { mediaUrl } from '../../../services/transport';

export async function downloadWorkbook(url: string, fileName: string): Promise<void> {
  const href = mediaUrl(url);
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.downloadFile({ url: href });
    if (res.statusCode !== 200) throw new Error('下载失败，请重试');
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
