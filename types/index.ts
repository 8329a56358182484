export * from './common';
export * from './user';
export * from './town';
export * from './tipoff';
export * from './queue';
export * from './ledger';
export * from './message';
export * from './text';
