// Types of the build scripts (plain ESM so they run without a compile step) as the bench uses them.
declare module '*/build-functions.mjs' {
  export function buildFunctions(options?: {
    minify?: boolean;
  }): Promise<{ name: string; bytes: number; ms: number }[]>;
}
declare module '*/size.mjs' {
  export interface SizeRow {
    what: string;
    kb: number;
    budget: number;
  }
  export function measureSizes(): unknown;
  export function sizeRows(sizes: unknown): SizeRow[];
  export function printRows(rows: SizeRow[]): number;
}
