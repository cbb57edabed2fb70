import { ColumnSketch, DEFAULT_LIMITS, type TBounds, type TColumnLimits, type TColumnState } from "./column";
import { summarizeColumn, type TColumnProfile } from "./summary";
import { classifyJson, classifyText, type TClassified } from "./values";

/**
 * How values are read: "text" infers types from text (CSV fields, where "" is null); "json" keeps
 * JSON's own types (a string is a string, whatever it spells); "inferred" infers from strings but
 * keeps non-string types (SQL rows, where numeric and bigint arrive as strings).
 */
export type TValueMode = "text" | "json" | "inferred";

export type TProfilerOptions = {
  mode: TValueMode;
  limits?: Partial<TColumnLimits>;
  bounds?: Record<string, TBounds>;
  /** Fields kept at most (nested JSON objects are flattened to a.b paths); further ones are counted. */
  maxColumns?: number;
  /** Nesting depth flattened into dotted paths; deeper objects are profiled as one object value. */
  maxDepth?: number;
};

/** A mergeable partial profile: rows seen plus each column's sketch state. */
export type TProfileState = { rows: number; droppedColumns: number; columns: TColumnState[] };

export type TProfileReport = { rows: number; droppedColumns: number; columns: TColumnProfile[] };

const DEFAULT_MAX_COLUMNS = 500;
const DEFAULT_MAX_DEPTH = 3;

export class Profiler {
  rows = 0;
  private readonly columns = new Map<string, ColumnSketch>();
  /** Columns in declared order, for positional rows (CSV). */
  private ordered: (ColumnSketch | undefined)[] = [];
  private mergedDropped = 0;
  private readonly classify: (v: unknown) => TClassified | null;
  private readonly limits: TColumnLimits;
  private readonly maxColumns: number;
  private readonly maxDepth: number;
  private readonly dropped = new Set<string>();

  constructor(private readonly options: TProfilerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.classify = classifierFor(options.mode);
  }

  /** Declares columns up front (a CSV header), so a column that is always empty still shows. */
  declare(names: string[]): void {
    this.ordered = names.map((n) => this.column(n));
  }

  get droppedColumns(): number {
    return this.mergedDropped + this.dropped.size;
  }

  /** One positional row in the declared columns' order (a CSV record); extra values are ignored. */
  addRow(values: readonly unknown[]): void {
    const row = ++this.rows;
    const cols = this.ordered;
    for (let i = 0; i < cols.length; i++) {
      const c = this.classify(values[i]);
      if (c !== null) cols[i]?.add(c, row);
    }
  }

  /** One record. Missing keys and nulls count as nulls: a column's nulls are rows minus its values. */
  add(record: Record<string, unknown>): void {
    const row = ++this.rows;
    this.addObject(record, "", 0, row);
  }

  private addObject(obj: Record<string, unknown>, prefix: string, depth: number, row: number): void {
    for (const key in obj) {
      const value = obj[key];
      const name = prefix ? `${prefix}.${key}` : key;
      if (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        depth < this.maxDepth &&
        Object.keys(value).length > 0
      ) {
        this.addObject(value as Record<string, unknown>, name, depth + 1, row);
        continue;
      }
      const c = this.classify(value);
      if (c === null) {
        this.column(name); // seen as null: the column exists
        continue;
      }
      this.column(name)?.add(c, row);
    }
  }

  private column(name: string): ColumnSketch | undefined {
    let c = this.columns.get(name);
    if (c) return c;
    if (this.columns.size >= this.maxColumns) {
      // Bounded too: past maxColumns more names are no longer told apart.
      if (this.dropped.size < this.maxColumns) this.dropped.add(name);
      return undefined;
    }
    c = new ColumnSketch(name, this.limits, this.options.bounds?.[name]);
    this.columns.set(name, c);
    return c;
  }

  /** Folds in the profile of a later part of the same stream. */
  merge(other: Profiler | TProfileState): void {
    const state = other instanceof Profiler ? other.toState() : other;
    for (const s of state.columns) {
      const sketch = ColumnSketch.fromState(s, this.limits, this.options.bounds?.[s.name]);
      const mine = this.columns.get(s.name) ?? this.column(s.name);
      mine?.merge(sketch, this.rows);
    }
    this.mergedDropped += state.droppedColumns;
    this.rows += state.rows;
  }

  toState(): TProfileState {
    return {
      rows: this.rows,
      droppedColumns: this.droppedColumns,
      columns: [...this.columns.values()].map((c) => c.toState()),
    };
  }

  static fromState(state: TProfileState, options: TProfilerOptions): Profiler {
    const p = new Profiler(options);
    p.merge(state);
    return p;
  }

  report(): TProfileReport {
    return {
      rows: this.rows,
      droppedColumns: this.droppedColumns,
      columns: [...this.columns.values()].map((c) => summarizeColumn(c, this.rows)),
    };
  }
}

function classifierFor(mode: TValueMode): (v: unknown) => TClassified | null {
  if (mode === "text") return (v) => (v === "" || v === null || v === undefined ? null : classifyText(String(v)));
  if (mode === "json") return (v) => (v === null || v === undefined ? null : classifyJson(v));
  return (v) => {
    if (v === null || v === undefined) return null;
    if (typeof v === "string") return v === "" ? null : classifyText(v);
    if (v instanceof Date) return classifyText(v.toISOString());
    if (typeof v === "bigint") return classifyText(v.toString());
    return classifyJson(v);
  };
}
