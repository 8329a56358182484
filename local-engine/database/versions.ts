/**
 * What makes transactions optimistic, as on CloudBase (MongoDB snapshot isolation):
 *
 * - every committed write of a document bumps a global sequence number;
 * - a transaction reads the store as of the sequence number it started at (pre-images of documents
 *   written since are kept while it is open), and sees its own buffered writes;
 * - its write of a document fails with a conflict when another open transaction already wrote that
 *   document, or when anyone committed a write to it after the transaction started;
 * - at commit its writes are checked again (a plain write may have touched them since) and applied
 *   in one SQLite transaction.
 *
 * Bookkeeping is kept only while some transaction is open, and dropped as transactions end.
 */

/** The transaction-side identity used for write locks. */
export type TxOwner = object;

interface PreImage {
  seq: number;
  /** The committed JSON text before that write; null when the document did not exist. */
  before: string | null;
}

export function docKey(coll: string, id: string): string {
  return `${coll}\u0000${id}`;
}

export class Versions {
  private seq = 0;
  /** Open transactions and the sequence number each started at. */
  private readonly open = new Map<TxOwner, number>();
  /** Sequence number of the last committed write per document (only while a transaction is open). */
  private readonly last = new Map<string, number>();
  private readonly history = new Map<string, PreImage[]>();
  /** Documents an open transaction has written (uncommitted): the first writer holds them. */
  private readonly locks = new Map<string, TxOwner>();

  /** Starts tracking a transaction; returns its snapshot. */
  begin(owner: TxOwner): number {
    this.open.set(owner, this.seq);
    return this.seq;
  }

  /** Forgets a transaction (committed, rolled back or aborted) and what only it needed. */
  end(owner: TxOwner): void {
    if (!this.open.delete(owner)) return;
    for (const [k, o] of this.locks) if (o === owner) this.locks.delete(k);
    if (this.open.size === 0) {
      this.last.clear();
      this.history.clear();
      return;
    }
    const oldest = Math.min(...this.open.values());
    for (const [k, s] of this.last) if (s <= oldest) this.last.delete(k);
    for (const [k, list] of this.history) {
      const keep = list.filter((p) => p.seq > oldest);
      if (keep.length === 0) this.history.delete(k);
      else if (keep.length !== list.length) this.history.set(k, keep);
    }
  }

  get openCount(): number {
    return this.open.size;
  }

  /**
   * Called for every committed write of a document. `before` (its committed text before the write) is
   * asked for only when a transaction is open (it may cost a read).
   */
  noteWrite(key: string, before: () => string | null | undefined): void {
    this.seq++;
    if (this.open.size === 0) return;
    this.last.set(key, this.seq);
    const list = this.history.get(key);
    const entry = { seq: this.seq, before: before() ?? null };
    if (list) list.push(entry);
    else this.history.set(key, [entry]);
  }

  /** Whether a write to the document was committed after `snapshot`. */
  changedSince(key: string, snapshot: number): boolean {
    return (this.last.get(key) ?? 0) > snapshot;
  }

  /** The document's committed text as of `snapshot` when it changed since; undefined: read the store. */
  asOf(key: string, snapshot: number): { text: string | null } | undefined {
    const list = this.history.get(key);
    const first = list?.find((p) => p.seq > snapshot);
    return first ? { text: first.before } : undefined;
  }

  lockOwner(key: string): TxOwner | undefined {
    return this.locks.get(key);
  }

  lock(key: string, owner: TxOwner): void {
    this.locks.set(key, owner);
  }
}
