import { useCallback, useEffect, useRef, useState } from 'react';
import { CloudError } from '../services/cloud-error';

export interface Remote<T> {
  data: T | undefined;
  error: CloudError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Loads something from the cloud with loading / error / retry states every page needs. */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[]): Remote<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<CloudError>();
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(undefined);
    loadRef
      .current()
      .then((value) => alive && setData(value))
      .catch(
        (e: unknown) => alive && setError(e instanceof CloudError ? e : new CloudError('INTERNAL', '加载失败，请重试')),
      )
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}
