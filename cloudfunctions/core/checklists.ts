// 企业自查 (seed §12, issue 10): the town's checklists as versioned town data (town-config.ts), and the stored
// self-inspections. A form is filled against one version; the inspection keeps the lines as they read then.
import fs from 'node:fs';
import path from 'node:path';
import { ChecklistSet, type Checklist, type ChecklistItem, type InspectionResult } from '../../types/inspection';
import type { ConfigEntry } from './town-config';

/**
 * config/town/checklists.json, read from disk when first needed: deployed, the build puts it beside the
 * `enterprise` bundle as `town-data/checklists.json` (scripts/build-functions.mjs DATA_DIRS) instead of bundling
 * ~55 KB of text into every function that imports this module; from source it is the repository's file.
 */
function readChecklistFile(): ChecklistSet {
  const shipped = path.join(__dirname, 'town-data', 'checklists.json');
  const file = fs.existsSync(shipped) ? shipped : path.resolve(__dirname, '../../config/town/checklists.json');
  return ChecklistSet.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
let seedSet: ChecklistSet | undefined;

/** The shipped file is version 1; 安委办 may store later versions in `config` like the reward policy. */
export const CHECKLISTS: ConfigEntry<ChecklistSet> = {
  key: 'checklists',
  get seed() {
    seedSet ??= readChecklistFile();
    return seedSet;
  },
  schema: ChecklistSet,
};

/** Every list that applies to an industry, in the file's order (`*` lists apply to every enterprise). */
export const checklistsFor = (set: ChecklistSet, industry: string): Checklist[] =>
  set.checklists.filter((l) => l.industries.includes(industry) || l.industries.includes('*'));

export const INSPECTIONS = 'inspections';
/** The enterprise's history, newest first (enterprise.inspections). */
export const INSPECTION_INDEXES = [['enterpriseId', 'at', '_id']];

/** One answered line, with the line's words as they read in the version filled (a later edit changes nothing). */
export interface InspectionItemDoc extends ChecklistItem {
  listId: string;
  result: InspectionResult;
  note?: string;
  photos?: string[];
  /** The ledger entry a 不符合 on a major line opened. */
  ledgerId?: string;
  ledgerNo?: string;
}

export interface InspectionDoc {
  _id: string;
  enterpriseId: string;
  requestId: string;
  version: number;
  leaderName: string;
  /** The filer's name for people (never an openid). */
  by: string;
  at: string;
  items: InspectionItemDoc[];
  counts: Record<InspectionResult, number>;
  majorFails: number;
  ledgerIds: string[];
  ledgerNos: string[];
}

/** Days an enterprise has to fix a major hazard it found itself (see enterprise-inspections.ts). */
export const SELF_FIX_DAYS = 30;
