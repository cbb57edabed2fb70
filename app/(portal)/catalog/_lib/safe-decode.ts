/** A route segment as the key it encodes; one that is not valid percent-encoding is taken as it is. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
