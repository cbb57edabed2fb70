"use client";

import { useEffect, useRef, useState, type InputHTMLAttributes } from "react";
import { cn } from "@/lib/utils/cn";
import { controlClass } from "./styles";

export const SEARCH_DEBOUNCE_MS = 300;

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "defaultValue"> & {
  /** The committed value, i.e. what the URL currently says. */
  value: string;
  onCommit: (value: string) => void;
  delayMs?: number;
};

/**
 * A text input that commits after a pause in typing, or at once on Enter. While the commit is in
 * flight the user keeps typing; an update of `value` that only echoes what we committed is ignored
 * so late server responses cannot overwrite newer keystrokes, while a genuinely external change
 * (e.g. "Clear filters", back button) replaces the text.
 */
export function DebouncedInput({
  value,
  onCommit,
  delayMs = SEARCH_DEBOUNCE_MS,
  className,
  onKeyDown,
  ...rest
}: Props) {
  const [draft, setDraft] = useState(value);
  const [seenValue, setSeenValue] = useState(value);
  const [lastCommitted, setLastCommitted] = useState(value);
  const [externalChanges, setExternalChanges] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  if (value !== seenValue) {
    setSeenValue(value);
    // The server trims q, so compare trimmed text: a trailing space the user is still typing is not "external".
    if (value.trim() !== lastCommitted.trim()) {
      setDraft(value);
      setLastCommitted(value);
      setExternalChanges((n) => n + 1);
    }
  }

  // An external change wins over a commit still waiting for its debounce.
  useEffect(() => clearTimeout(timer.current), [externalChanges]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (next: string) => {
    clearTimeout(timer.current);
    if (next.trim() === lastCommitted.trim()) return;
    setLastCommitted(next);
    onCommit(next);
  };

  return (
    <input
      {...rest}
      value={draft}
      onChange={(event) => {
        const next = event.target.value;
        setDraft(next);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(next), delayMs);
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          commit(draft);
        }
        onKeyDown?.(event);
      }}
      className={cn(controlClass, "w-full", className)}
    />
  );
}
