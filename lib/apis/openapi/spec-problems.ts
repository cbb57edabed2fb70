import { joinPointer } from "./pointer";

type TProblem = { pointer: string; message: string };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Locates the spec-level findings of @readme/openapi-parser (duplicate operationIds, path parameters
 * that do not match the template...). Its messages name places as "/paths/orders/{id}/get" (unescaped),
 * so the longest matching path key gives the pointer.
 */
export function specProblems(doc: Record<string, unknown>, messages: string[]): TProblem[] {
  const paths =
    doc.paths && typeof doc.paths === "object" ? Object.keys(doc.paths).sort((a, b) => b.length - a.length) : [];
  return messages.map((raw) => {
    const message = raw.split("\n\n")[0].trim();
    const duplicate = /operationId `([^`]+)` is duplicated/.exec(message);
    if (duplicate) return { pointer: lastOperationWithId(doc, duplicate[1]) ?? "/paths", message };
    for (const id of message.match(/`(\/[^`]*)`/g) ?? []) {
      const place = id.slice(1, -1);
      if (place.startsWith("/components/")) return { pointer: place, message };
      if (!place.startsWith("/paths/")) continue;
      const rest = place.slice("/paths".length);
      const key = paths.find((p) => rest === p || rest.startsWith(`${p}/`));
      if (!key) continue;
      const method = rest.slice(key.length + 1).split("/")[0];
      const pointer = joinPointer("/paths", key);
      return { pointer: METHODS.includes(method) ? joinPointer(pointer, method) : pointer, message };
    }
    return { pointer: "", message };
  });
}

function lastOperationWithId(doc: Record<string, unknown>, operationId: string): string | null {
  let found: string | null = null;
  let count = 0;
  for (const [path, item] of Object.entries((doc.paths as Record<string, Record<string, unknown>>) ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method] as { operationId?: unknown } | undefined;
      if (op?.operationId === operationId && ++count > 1) found ??= joinPointer("/paths", path, method, "operationId");
    }
  }
  return found;
}
