import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../types';
import type { CloudError } from '../services/cloud-error';
import { asCloudError } from '../services/errors';

export interface Paged<T> {
  items: T[];
  total: number;
  /** The first page is loading (nothing to show yet). */
  loading: boolean;
  loadingMore: boolean;
  /** The first page failed. */
  error: CloudError | undefined;
  /** A later page failed: the items already shown stay. */
  moreError: CloudError | undefined;
  hasMore: boolean;
  loaded: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Changes items in place (e.g. marking messages read) without a reload. */
  setItems: (update: (items: T[]) => T[]) => void;
}

/** A list loaded a page at a time ("加载更多"); changing `deps` or calling reload starts again at page 1. */
export function usePaged<T>(load: (page: number) => Promise<Page<T>>, deps: unknown[]): Paged<T> {
  const [items, setItemsState] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<CloudError>();
  const [moreError, setMoreError] = useState<CloudError>();
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // Answers to an older query (tab switched meanwhile) are dropped.
  const generation = useRef(0);
  const lastAttempt = useRef(attempt);

  useEffect(() => {
    const gen = ++generation.current;
    // A different query (deps changed) must not show the old list meanwhile; a reload keeps it on screen.
    if (lastAttempt.current === attempt) {
      setItemsState([]);
      setPage(0);
    }
    lastAttempt.current = attempt;
    setLoading(true);
    setLoadingMore(false);
    setError(undefined);
    setMoreError(undefined);
    loadRef
      .current(1)
      .then((res) => {
        if (gen !== generation.current) return;
        setItemsState(res.items);
        setTotal(res.total);
        setPage(1);
      })
      .catch((e: unknown) => gen === generation.current && setError(asCloudError(e, '加载失败，请重试')))
      .finally(() => gen === generation.current && setLoading(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const hasMore = page > 0 && items.length < total;
  const loadMore = useCallback(() => {
    if (loading || loadingMore || !hasMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    setMoreError(undefined);
    loadRef
      .current(page + 1)
      .then((res) => {
        if (gen !== generation.current) return;
        setItemsState((list) => [...list, ...res.items]);
        setTotal(res.total);
        setPage(page + 1);
      })
      .catch((e: unknown) => gen === generation.current && setMoreError(asCloudError(e, '加载失败，请重试')))
      .finally(() => gen === generation.current && setLoadingMore(false));
  }, [loading, loadingMore, hasMore, page]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setItems = useCallback((update: (items: T[]) => T[]) => setItemsState(update), []);

  return {
    items,
    total,
    loading,
    loadingMore,
    error,
    moreError,
    hasMore,
    loaded: page > 0,
    loadMore,
    reload,
    setItems,
  };
}
