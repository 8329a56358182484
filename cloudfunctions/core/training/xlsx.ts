// The .xlsx side of the question bank (issue 9), with exceljs. Only the `trainingio` function imports this file:
// exceljs (~1 MB) stays out of every other function bundle, and is installed on CloudBase as the function's
// dependency instead of being bundled (scripts/build-functions.mjs).
import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { SHEET_COLUMNS, SHEET_NAME, MAX_SHEET_ROWS, questionToRow, type SheetQuestion } from './question-sheet';

const WIDTHS: Record<string, number> = { 编号: 10, 主题: 18, 题型: 8, 题干: 48, 解析: 48, 出处文件: 30, 出处条款: 14 };

/** The questions as a workbook: one sheet, a bold frozen header, then one row per question. */
export async function writeQuestionsXlsx(questions: SheetQuestion[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '庙行安全';
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = SHEET_COLUMNS.map((c) => ({ header: c, key: c, width: WIDTHS[c] ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const q of questions) ws.addRow(questionToRow(q));
  ws.getColumn('题干').alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn('解析').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const unreadable = () =>
  new AppError('INVALID_INPUT', '无法读取文件：请上传用“导出 Excel”得到的 .xlsx 表格', [
    { path: 'base64', message: '不是可读取的 .xlsx 文件' },
  ]);

/** The first sheet's rows as cell texts (row 1 = the header); empty rows come back as empty arrays. */
export async function readSheetRows(bytes: Buffer): Promise<string[][]> {
  // An .xlsx is a zip: PK\x03\x04. Anything else is refused before exceljs sees it.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw unreadable();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable();
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable();
  if (ws.rowCount > MAX_SHEET_ROWS + 1) {
    throw new AppError('INVALID_INPUT', `表格最多 ${MAX_SHEET_ROWS} 行题目，请分批导入`);
  }
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, SHEET_COLUMNS.length); c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}
