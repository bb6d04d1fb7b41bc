import { useEffect, useRef, useState } from 'react';

const DEBOUNCE_MS = 350;

/** A text filter that updates the URL a moment after the person stops typing. */
export function useDebouncedFilter(urlValue: string, commit: (value: string) => void, isValid: (value: string) => boolean = () => true) {
  const [draft, setDraft] = useState(urlValue);
  const lastSent = useRef(urlValue);
  const commitRef = useRef(commit);
  const isValidRef = useRef(isValid);
  useEffect(() => {
    commitRef.current = commit;
    isValidRef.current = isValid;
  });
  useEffect(() => {
    // The URL changed from elsewhere (back button, "clear filters"): show it.
    if (urlValue !== lastSent.current) {
      lastSent.current = urlValue;
      setDraft(urlValue);
    }
  }, [urlValue]);
  useEffect(() => {
    if (draft === lastSent.current || !isValidRef.current(draft)) return;
    const timer = window.setTimeout(() => {
      lastSent.current = draft;
      commitRef.current(draft);
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft]);
  return [draft, setDraft] as const;
}

/** A CPV division filter while it is typed: empty, or two digits (the register and the market view). */
export const isCpvDivisionInput = (value: string) => value === '' || /^\d{2}$/.test(value);
