/** A numeric field of a row shown as one line or bar series. */
export type ChartSeries<T> = { key: keyof T & string; label: string; color?: string };
