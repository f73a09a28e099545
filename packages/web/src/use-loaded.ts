import { useEffect, useRef, useState } from "react";

/** Loads once on mount and again on `reload()`. */
export function useLoaded<T>(load: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const loader = useRef(load);
  useEffect(() => {
    void round;
    loader
      .current()
      .then((loaded) => {
        setValue(loaded);
        setError(null);
      })
      .catch((caught: Error) => setError(caught.message));
  }, [round]);
  return { value, setValue, error, reload: () => setRound((previous) => previous + 1) };
}
