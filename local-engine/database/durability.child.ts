/**
 * Child process for durability.test.ts: writes to the engine in a loop and prints each
 * acknowledged _id on stdout (a pipe, written synchronously on Linux) until it is SIGKILLed.
 * Every fifth write is a transaction adding two documents that name each other.
 */
import { createDatabase } from './index';

const file = process.argv[2];
const db = createDatabase({ file, indexes: { acks: [['seq']] } });

async function main(): Promise<void> {
  for (let seq = 1; ; seq++) {
    if (seq % 5 === 0) {
      const a = `tx-${process.pid}-${seq}-a`;
      const b = `tx-${process.pid}-${seq}-b`;
      await db.runTransaction(async (tx) => {
        await tx.collection('acks').add({ data: { _id: a, seq, pair: b } });
        await tx.collection('acks').add({ data: { _id: b, seq, pair: a } });
      });
      process.stdout.write(`${a}\n${b}\n`);
    } else {
      const { _id } = await db.collection('acks').add({ data: { seq, at: new Date(), payload: 'x'.repeat(300) } });
      process.stdout.write(`${_id}\n`);
    }
    if (seq % 7 === 0) await db.collection('meta').doc('last').set({ data: { seq } });
  }
}

void main();
