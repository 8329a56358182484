// `drillio` (issue 10): a closed drill's record as an .xlsx. Its own function, like trainingio: exceljs stays
// out of the `drill` bundle that serves 500 check-ins a minute. Owner this session: drill10-server.
import { DrillIdInput, type DrillExport } from '../../../types/drill';
import { action, defineFunction } from '../action';
import { checkinsOf, findDrill, mayOversee, participantOf } from '../drills/docs';
import { writeDrillRecordXlsx } from '../drills/xlsx';
import { conflict, forbidden } from '../errors';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const drillioFunction = defineFunction('drillio', {
  /** The record and the sign-in list: the drill's manager, 安委办 and leaders; only once it is closed. */
  exportRecord: action({
    input: DrillIdInput,
    async run(ctx, { drillId }): Promise<DrillExport> {
      const d = await findDrill(ctx.db, drillId);
      if (!(await mayOversee(ctx, d))) throw forbidden('只有演练的组织者可以导出演练记录');
      if (d.status !== 'closed' || !d.record) throw conflict('演练归档后才能导出记录');
      const checkins = (await checkinsOf(ctx.db, d._id)).map(participantOf);
      const bytes = await writeDrillRecordXlsx(d, checkins, d.record.photos.length);
      const day = (d.startedAt ?? d.startAt).slice(0, 10).replace(/-/g, '');
      return {
        fileName: `演练记录-${d.title}-${day}.xlsx`.replace(/[\\/:*?"<>|\s]+/g, ''),
        mime: XLSX_MIME,
        base64: bytes.toString('base64'),
      };
    },
  }),
});
