"use client";

import { useCombobox, useMultipleSelection, type UseComboboxReturnValue } from "downshift";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "@/lib/utils/cn";
import type { TLookupOption, TLookupResult } from "@/lib/validation/lookup";

/**
 * Server-searched pickers for tables that grow past what a <select> can hold: the user types, the
 * server answers with the first matches and how many match in all, and the popup says when it shows
 * only some. Built on downshift's useCombobox (WAI-ARIA combobox: arrows, Enter, Escape, type-ahead).
 * The chosen id is written to a hidden input named `name`, so a surrounding <form> and its action
 * read FormData as they would from a select. The caller passes the current value's label (the server
 * page knows it), so an edit form shows its value without a search.
 */

type Search = (query: string) => Promise<TLookupResult>;

type CommonProps = {
  /** The input's id; FormField's label points at it. */
  id: string;
  /** Hidden input name; omit when the caller reads the value from onChange. */
  name?: string;
  /** Called with what the user typed (debounced); "" lists the first records. */
  search: Search;
  /** Singular and plural of what is picked, for the empty state and the "showing first N" hint. */
  noun: string;
  nounPlural?: string;
  placeholder?: string;
  disabled?: boolean;
  debounceMs?: number;
  className?: string;
  /** The height of a table toolbar's controls (h-9) rather than a form field's. */
  isCompact?: boolean;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

const numberFormat = new Intl.NumberFormat("en-US");
const compact = "h-9 py-1.5";
const toLabel = (o: TLookupOption | null) => o?.label ?? "";
const toKey = (o: TLookupOption | null) => o?.id ?? null;

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500 disabled:cursor-not-allowed disabled:bg-slate-50";

/**
 * Runs `search` for the open popup's query, debounced, keeping only the answer to the latest query
 * (an earlier, slower response never overwrites a later one). Loading is derived, not stored.
 */
function useLookup(
  search: Search,
  query: string,
  isOpen: boolean,
  debounceMs: number,
  onResult: (data: TLookupResult) => void,
) {
  const [result, setResult] = useState<{ query: string; data: TLookupResult } | null>(null);
  const [failedQuery, setFailedQuery] = useState<string | null>(null);
  const latest = useRef({ search, onResult, seq: 0 });
  useEffect(() => {
    latest.current.search = search;
    latest.current.onResult = onResult;
  });
  const isFresh = result?.query === query;
  useEffect(() => {
    if (!isOpen || isFresh) return;
    const seq = ++latest.current.seq;
    // The first search (opening the popup) runs at once; typing waits for a pause.
    const timer = setTimeout(
      async () => {
        try {
          const data = await latest.current.search(query);
          if (seq !== latest.current.seq) return;
          setResult({ query, data });
          setFailedQuery(null);
          latest.current.onResult(data);
        } catch {
          if (seq === latest.current.seq) setFailedQuery(query);
        }
      },
      result ? debounceMs : 0,
    );
    return () => clearTimeout(timer);
  }, [query, isOpen, isFresh, debounceMs, result]);
  const isError = failedQuery === query;
  return {
    data: isFresh ? result.data : null,
    stale: result?.data ?? null,
    isLoading: isOpen && !isFresh && !isError,
    isError,
  };
}

/** Restores the value a form started with when the form is reset (useFormAction resets after a save). */
function useFormReset(ref: React.RefObject<HTMLElement | null>, onReset: () => void) {
  const latest = useRef(onReset);
  useEffect(() => {
    latest.current = onReset;
  });
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    const handler = () => latest.current();
    form.addEventListener("reset", handler);
    return () => form.removeEventListener("reset", handler);
  }, [ref]);
}

function Popup({
  combobox,
  items,
  lookup,
  query,
  noun,
  nounPlural,
  hiddenCount = 0,
}: {
  combobox: UseComboboxReturnValue<TLookupOption>;
  items: TLookupOption[];
  lookup: ReturnType<typeof useLookup>;
  query: string;
  noun: string;
  nounPlural: string;
  /** Matches left out of `items` because they are already chosen (multi-select). */
  hiddenCount?: number;
}) {
  const { isOpen, highlightedIndex, getMenuProps, getItemProps } = combobox;
  const shown = lookup.data ?? lookup.stale;
  let status: ReactNode = null;
  if (isOpen) {
    if (lookup.isError) status = "The search failed. Type again to retry.";
    else if (lookup.isLoading && !shown) status = "Searching…";
    else if (lookup.data && lookup.data.total === 0)
      status = query ? `No ${noun} matches “${query}”.` : `There is no ${noun} yet.`;
    else if (lookup.data && items.length === 0 && hiddenCount > 0) status = `Every matching ${noun} is chosen.`;
    else if (lookup.data && lookup.data.total > lookup.data.options.length)
      status = `Showing the first ${numberFormat.format(lookup.data.options.length)} of ${numberFormat.format(lookup.data.total)} ${nounPlural}; type to narrow.`;
    else if (lookup.data)
      status = `${numberFormat.format(lookup.data.total)} ${lookup.data.total === 1 ? noun : nounPlural}.`;
  }
  return (
    <div
      className={cn(
        "absolute z-30 mt-1 w-full min-w-64 overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg",
        !isOpen && "hidden",
      )}
    >
      <ul
        {...getMenuProps({ "aria-label": `Matching ${nounPlural}`, "aria-busy": lookup.isLoading })}
        className={cn("max-h-72 overflow-y-auto py-1", lookup.isLoading && shown && "opacity-60")}
      >
        {isOpen &&
          items.map((item, index) => (
            <li
              key={item.id}
              {...getItemProps({ item, index })}
              className={cn(
                "cursor-pointer px-3 py-1.5 text-sm text-slate-900",
                highlightedIndex === index && "bg-indigo-50 text-indigo-900",
              )}
            >
              <span className="block">
                {item.label}
                {item.warning && (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">
                    {item.warning}
                  </span>
                )}
              </span>
              {item.detail && <span className="block text-xs text-slate-500">{item.detail}</span>}
            </li>
          ))}
      </ul>
      <p
        role="status"
        aria-live="polite"
        className={cn("border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500", !status && "hidden")}
      >
        {status}
      </p>
    </div>
  );
}

/** Picks one record. Empty input + blur, the clear button or Escape on a closed popup clear it. */
export function Combobox({
  value,
  defaultValue = null,
  onChange,
  clearLabel = "Clear",
  ...props
}: CommonProps & {
  /** Controlled value; leave undefined to let the combobox keep its own (starting at defaultValue). */
  value?: TLookupOption | null;
  defaultValue?: TLookupOption | null;
  onChange?: (option: TLookupOption | null) => void;
  clearLabel?: string;
}) {
  const { id, name, search, noun, nounPlural = `${noun}s`, placeholder, disabled, debounceMs = 250 } = props;
  const [own, setOwn] = useState<TLookupOption | null>(defaultValue);
  const selected = value !== undefined ? value : own;
  const [inputValue, setInputValue] = useState(toLabel(selected));
  const [isOpen, setOpen] = useState(false);
  const select = (option: TLookupOption | null) => {
    setOwn(option);
    setInputValue(toLabel(option));
    onChange?.(option);
  };
  // Text that is only the chosen label is not a search: opening the popup lists from the start.
  const query = selected && inputValue === selected.label ? "" : inputValue.trim();
  const [highlightedIndex, setHighlightedIndex] = useState(-1);
  // A fresh answer highlights its first match, so Enter picks it (type-ahead).
  const lookup = useLookup(search, query, isOpen, debounceMs, (data) =>
    setHighlightedIndex(data.options.length ? 0 : -1),
  );
  const items = lookup.data?.options ?? lookup.stale?.options ?? [];
  const combobox = useCombobox<TLookupOption>({
    inputId: id,
    items,
    itemToString: toLabel,
    itemToKey: toKey,
    selectedItem: selected,
    inputValue,
    isOpen,
    highlightedIndex,
    defaultHighlightedIndex: 0,
    onIsOpenChange: ({ isOpen: next }) => setOpen(Boolean(next)),
    onHighlightedIndexChange: ({ highlightedIndex: next }) => setHighlightedIndex(next ?? -1),
    onInputValueChange: ({ inputValue: next }) => setInputValue(next ?? ""),
    onSelectedItemChange: ({ selectedItem }) => select(selectedItem ?? null),
    stateReducer: (state, { type, changes }) => {
      switch (type) {
        // Leaving the field never picks the highlighted option: only Enter or a click chooses.
        case useCombobox.stateChangeTypes.InputBlur:
          return state.inputValue.trim() === ""
            ? { ...changes, selectedItem: null, inputValue: "" }
            : { ...changes, selectedItem: state.selectedItem, inputValue: toLabel(state.selectedItem) };
        case useCombobox.stateChangeTypes.InputKeyDownEscape:
          // Open: close and put the chosen label back. Closed: clear (downshift's default).
          return state.isOpen
            ? { ...changes, selectedItem: state.selectedItem, inputValue: toLabel(state.selectedItem) }
            : changes;
        default:
          return changes;
      }
    },
  });
  // Typed text that was not chosen is dropped on leaving (also while the popup is closed, when
  // downshift sends no blur); an emptied field clears the choice.
  const onBlur = () => {
    if (inputValue.trim() === "") {
      if (selected) select(null);
    } else if (inputValue !== toLabel(selected)) setInputValue(toLabel(selected));
  };
  const anchor = useRef<HTMLDivElement>(null);
  useFormReset(anchor, () => select(defaultValue));
  return (
    <div ref={anchor} className={cn("relative", props.className)}>
      <div className="relative">
        <input
          {...combobox.getInputProps({
            "aria-labelledby": undefined,
            "aria-invalid": props["aria-invalid"],
            "aria-describedby": props["aria-describedby"],
            disabled,
            placeholder: placeholder ?? `Search ${nounPlural}…`,
            onBlur,
          })}
          className={cn(control, props.isCompact && compact, selected && "pr-8")}
        />
        {selected && !disabled && (
          <button
            type="button"
            onClick={() => select(null)}
            aria-label={`${clearLabel}: ${selected.label}`}
            className="absolute inset-y-0 right-1 my-auto h-6 w-6 rounded text-slate-500 hover:bg-slate-100 hover:text-slate-900"
          >
            <span aria-hidden>×</span>
          </button>
        )}
      </div>
      {name && <input type="hidden" name={name} value={selected?.id ?? ""} />}
      <Popup combobox={combobox} items={items} lookup={lookup} query={query} noun={noun} nounPlural={nounPlural} />
    </div>
  );
}

/**
 * Picks several records: chosen ones show as removable chips above the input (Backspace in an empty
 * input, or Delete on a focused chip, removes one) and one hidden input per id carries them.
 */
export function MultiCombobox({
  value,
  defaultValue = [],
  onChange,
  max,
  ...props
}: CommonProps & {
  value?: TLookupOption[];
  defaultValue?: TLookupOption[];
  onChange?: (options: TLookupOption[]) => void;
  /** The most the form accepts; the input is disabled once reached. */
  max?: number;
}) {
  const { id, name, search, noun, nounPlural = `${noun}s`, placeholder, disabled, debounceMs = 250 } = props;
  const [own, setOwn] = useState<TLookupOption[]>(defaultValue);
  const selected = value ?? own;
  const setSelected = (next: TLookupOption[]) => {
    setOwn(next);
    onChange?.(next);
  };
  const [inputValue, setInputValue] = useState("");
  const [isOpen, setOpen] = useState(false);
  const query = inputValue.trim();
  const chosen = new Set(selected.map((s) => s.id));
  const [highlightedIndex, setHighlightedIndex] = useState(-1);
  const lookup = useLookup(search, query, isOpen, debounceMs, (data) =>
    setHighlightedIndex(data.options.some((o) => !chosen.has(o.id)) ? 0 : -1),
  );
  const matches = lookup.data?.options ?? lookup.stale?.options ?? [];
  const items = matches.filter((o) => !chosen.has(o.id));
  const isFull = max !== undefined && selected.length >= max;

  const multiple = useMultipleSelection<TLookupOption>({
    selectedItems: selected,
    itemToKey: toKey,
    onSelectedItemsChange: ({ selectedItems }) => setSelected(selectedItems ?? []),
  });
  const combobox = useCombobox<TLookupOption>({
    inputId: id,
    items,
    itemToString: toLabel,
    itemToKey: toKey,
    selectedItem: null,
    inputValue,
    isOpen,
    highlightedIndex,
    defaultHighlightedIndex: 0,
    onIsOpenChange: ({ isOpen: next }) => setOpen(Boolean(next)),
    onHighlightedIndexChange: ({ highlightedIndex: next }) => setHighlightedIndex(next ?? -1),
    onInputValueChange: ({ inputValue: next, type }) => {
      // Choosing keeps the query, so several matches of one search can be picked in a row.
      if (type === useCombobox.stateChangeTypes.InputChange) setInputValue(next ?? "");
    },
    onSelectedItemChange: ({ selectedItem, type }) => {
      if (!selectedItem || type === useCombobox.stateChangeTypes.InputBlur) return;
      if (!chosen.has(selectedItem.id)) setSelected([...selected, selectedItem]);
    },
    stateReducer: (state, { type, changes }) => {
      switch (type) {
        case useCombobox.stateChangeTypes.InputKeyDownEnter:
        case useCombobox.stateChangeTypes.ItemClick:
          // The chosen option leaves the list; the highlight stays in place, on the next one.
          return {
            ...changes,
            isOpen: true,
            highlightedIndex: Math.min(state.highlightedIndex, items.length - 2),
            inputValue: state.inputValue,
          };
        case useCombobox.stateChangeTypes.InputBlur:
          return { ...changes, selectedItem: null, inputValue: state.inputValue };
        default:
          return changes;
      }
    },
  });
  const anchor = useRef<HTMLDivElement>(null);
  useFormReset(anchor, () => {
    setSelected(defaultValue);
    setInputValue("");
  });
  return (
    <div ref={anchor} className={cn("relative", props.className)}>
      {selected.length > 0 && (
        <ul className="mb-2 flex flex-wrap gap-1.5" aria-label={`Chosen ${nounPlural}`}>
          {selected.map((item, index) => (
            <li
              key={item.id}
              {...multiple.getSelectedItemProps({ selectedItem: item, index })}
              className={cn(
                "inline-flex max-w-full items-center gap-1 rounded-full border border-indigo-200 bg-indigo-50 py-0.5 pr-1 pl-2.5 text-xs text-indigo-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
                multiple.activeIndex === index && "ring-2 ring-indigo-500",
              )}
            >
              <span className="truncate">
                {item.label}
                {item.detail && <span className="text-indigo-700/70"> · {item.detail}</span>}
              </span>
              {!disabled && (
                <button
                  type="button"
                  tabIndex={-1}
                  onClick={(e) => {
                    e.stopPropagation();
                    multiple.removeSelectedItem(item);
                  }}
                  aria-label={`Remove ${item.label}`}
                  className="h-5 w-5 rounded-full text-indigo-700 hover:bg-indigo-100"
                >
                  <span aria-hidden>×</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <input
        {...combobox.getInputProps(
          multiple.getDropdownProps({
            preventKeyAction: isOpen,
            "aria-labelledby": undefined,
            "aria-invalid": props["aria-invalid"],
            "aria-describedby": props["aria-describedby"],
            disabled: disabled || isFull,
            placeholder: isFull ? `At most ${max} ${nounPlural}` : (placeholder ?? `Search ${nounPlural} to add…`),
          }),
        )}
        className={cn(control, props.isCompact && compact)}
      />
      {name && selected.map((s) => <input key={s.id} type="hidden" name={name} value={s.id} />)}
      <Popup
        combobox={combobox}
        items={items}
        lookup={lookup}
        query={query}
        noun={noun}
        nounPlural={nounPlural}
        hiddenCount={matches.length - items.length}
      />
    </div>
  );
}
