// mingo 7 exposes its helpers as the `mingo/util` export; the project's "node" module resolution does
// not read package exports, so the types are pointed at here (the runtime resolves the export).
declare module 'mingo/util' {
  export * from 'mingo/types/util/index';
}
