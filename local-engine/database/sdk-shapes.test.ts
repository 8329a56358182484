/**
 * The local engine answers with exactly what wx-server-sdk 4.0.2 hands the code on CloudBase: the
 * real SDK (wx-server-sdk → @cloudbase/node-sdk → @cloudbase/database) runs here with only its
 * HTTP requester replaced by a stand-in server that answers the way CloudBase does, and the local
 * engine's result or error is compared field by field.
 */
import { isMissingDoc } from '../../cloudfunctions/core/counters';
import type { Database, Transaction } from '../../cloudfunctions/core/db';
import { isTransactionConflict } from '../../cloudfunctions/core/transaction';
import { CONFLICT_MESSAGE, collectionNotExistMessage } from './errors';
import { createDatabase, type LocalDatabase } from './index';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk');
cloud.init({ env: 'test-env' });
const sdkDb = cloud.database() as Database;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Db } = require('@cloudbase/database');

type Answer = (action: string, params: Record<string, unknown>) => unknown;

/** Routes the SDK's database requests to `answer` (CloudBase's server side, as far as a test needs it). */
function serve(answer: Answer): void {
  Db.reqClass = class {
    async send(action: string, params: Record<string, unknown>) {
      if (action === 'database.startTransaction') return { transactionId: 't1', requestId: 'r' };
      if (action === 'database.commitTransaction' || action === 'database.abortTransaction') return { requestId: 'r' };
      return { requestId: 'r', ...(answer(action, params) as object) };
    }
  };
}

const CONFLICT = { code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT_MESSAGE };
const NO_COLLECTION = (name: string) => ({
  code: 'DATABASE_COLLECTION_NOT_EXIST',
  message: collectionNotExistMessage(name),
});

const failure = async (p: () => Promise<unknown>): Promise<Error & Record<string, unknown>> => {
  try {
    await p();
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected a failure');
};

/** The fields code can look at. */
const shape = (e: Error & Record<string, unknown>) => ({
  isError: e instanceof Error,
  message: e.message,
  errCode: e.errCode,
  errMsg: e.errMsg,
  hasCode: 'code' in e,
});

let local: LocalDatabase;
beforeEach(() => {
  local = createDatabase({ file: ':memory:', collections: ['counters', 'tipoffs'] });
});
afterEach(() => local.close());

describe('errors', () => {
  it('a lost write inside a transaction', async () => {
    serve((action) => (action === 'database.modifyDocument' ? CONFLICT : { data: { list: ['{"_id":"c","seq":1}'] } }));
    const bump = async (tx: Transaction) => {
      const { data } = await tx.collection('counters').doc('c').get();
      await tx
        .collection('counters')
        .doc('c')
        .update({ data: { seq: (data.seq as number) + 1 } });
    };
    const sdk = await failure(() => sdkDb.runTransaction(bump, 0));

    await local
      .collection('counters')
      .doc('c')
      .set({ data: { seq: 1 } });
    let go!: () => void;
    const gate = new Promise<void>((r) => (go = r));
    const winner = local.runTransaction(async (tx) => {
      await tx
        .collection('counters')
        .doc('c')
        .update({ data: { seq: 5 } });
      await gate;
    });
    const mine = await failure(() => local.runTransaction(bump));
    go();
    await winner;

    expect(shape(mine)).toEqual(shape(sdk));
    expect(shape(sdk)).toMatchObject({ isError: true, errCode: -501001, hasCode: false });
    expect(isTransactionConflict(mine)).toBe(true);
  });

  it('doc().get() of a missing document, outside and inside a transaction', async () => {
    serve(() => ({ data: { list: [] } }));
    const sdkOutside = await failure(() => sdkDb.collection('counters').doc('nope').get());
    const sdkInside = await failure(() => sdkDb.runTransaction((tx) => tx.collection('counters').doc('nope').get(), 0));
    const mineOutside = await failure(() => local.collection('counters').doc('nope').get());
    const mineInside = await failure(() => local.runTransaction((tx) => tx.collection('counters').doc('nope').get()));
    expect(shape(mineOutside)).toEqual(shape(sdkOutside));
    expect(shape(mineInside)).toEqual(shape(sdkInside));
    expect(shape(sdkOutside)).toMatchObject({
      message: 'document.get:fail document with _id nope does not exist',
      errCode: -1,
    });
    for (const e of [sdkOutside, sdkInside, mineOutside, mineInside]) expect(isMissingDoc(e)).toBe(true);
  });

  it('a collection that was never created (DATABASE_COLLECTION_NOT_EXIST)', async () => {
    serve(() => NO_COLLECTION('countres'));
    const sdkDoc = await failure(() => sdkDb.collection('countres').doc('c').get());
    const sdkQuery = await failure(() => sdkDb.collection('countres').where({ a: 1 }).get());
    const sdkAdd = await failure(() => sdkDb.collection('countres').add({ data: { a: 1 } }));
    const mineDoc = await failure(() => local.collection('countres').doc('c').get());
    const mineQuery = await failure(() => local.collection('countres').where({ a: 1 }).get());
    const mineAdd = await failure(() => local.collection('countres').add({ data: { a: 1 } }));
    expect(shape(mineDoc)).toEqual(shape(sdkDoc));
    expect(shape(mineQuery)).toEqual(shape(sdkQuery));
    expect(shape(mineAdd)).toEqual(shape(sdkAdd));
    expect(sdkDoc.errCode).toBe(-502005);
    expect(sdkDoc.message).toMatch(/^document\.get:fail -502005 database collection not exists\. \[ResourceNotFound\]/);
    // It says "not exist" too: only the missing *document* may be taken for "create it".
    for (const e of [sdkDoc, mineDoc]) expect(isMissingDoc(e)).toBe(false);
  });
});

describe('results', () => {
  it('add() of one document and of an array (one request, `_ids` in order)', async () => {
    serve((action, params) => {
      if (action !== 'database.insertDocument') throw new Error(action);
      const ids = (params.data as string[]).map((d, i) => (JSON.parse(d) as { _id?: string })._id ?? `gen${i}`);
      return { data: { insertedIds: ids } };
    });
    const sdkOne = await sdkDb.collection('tipoffs').add({ data: { _id: 'a', n: 1 } });
    const sdkMany = await sdkDb.collection('tipoffs').add({ data: [{ _id: 'b' }, { _id: 'c' }] });
    const mineOne = await local.collection('tipoffs').add({ data: { _id: 'a', n: 1 } });
    const mineMany = await local.collection('tipoffs').add({ data: [{ _id: 'b' }, { _id: 'c' }] });
    expect(mineOne).toEqual(sdkOne);
    expect(mineMany).toEqual(sdkMany);
    expect(sdkMany).toEqual({ _ids: ['b', 'c'], errMsg: 'collection.add:ok' });
  });

  it('add() of an array inside a transaction (the SDK sends it as one insert with the transaction id)', async () => {
    let sent: Record<string, unknown> | undefined;
    serve((_action, params) => {
      sent = params;
      return { data: { insertedIds: ['x', 'y'] } };
    });
    const sdk = await sdkDb.runTransaction(
      (tx) => tx.collection('tipoffs').add({ data: [{ _id: 'x' }, { _id: 'y' }] }),
      0,
    );
    expect(sent?.transactionId).toBe('t1');
    const mine = await local.runTransaction((tx) =>
      tx.collection('tipoffs').add({ data: [{ _id: 'x' }, { _id: 'y' }] }),
    );
    expect(mine).toEqual(sdk);
    expect((await local.collection('tipoffs').where({}).count()).total).toBe(2);
  });
});
