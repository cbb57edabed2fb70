import { clsx, type ClassValue } from "clsx";

/** Joins conditional class names; Tailwind conflicts are avoided by construction rather than merged at runtime. */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
