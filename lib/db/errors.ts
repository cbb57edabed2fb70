import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "./generated/client";

/** Turns known Prisma errors into AppErrors a user can act on; anything else is rethrown as-is. */
export function mapPrismaError(error: unknown, entity = "record"): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") {
      const fields = uniqueFields(error);
      const fieldErrors = Object.fromEntries(fields.map((f) => [f, [`This ${f} is already in use.`]]));
      throw new AppError("CONFLICT", `A ${entity} with this ${fields.join(", ") || "value"} already exists.`, {
        fieldErrors,
      });
    }
    if (error.code === "P2025") throw new AppError("NOT_FOUND", `The ${entity} was not found.`);
    if (error.code === "P2003") throw new AppError("CONFLICT", `The ${entity} is still referenced by other records.`);
  }
  throw error;
}

function uniqueFields(error: Prisma.PrismaClientKnownRequestError): string[] {
  const meta = error.meta as
    | {
        target?: unknown;
        modelName?: string;
        driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } };
      }
    | undefined;
  if (Array.isArray(meta?.target)) return meta.target.map(String);
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  if (Array.isArray(constraint?.fields)) return constraint.fields.map((f) => f.replaceAll('"', ""));
  // adapter-pg reports only the index name; Prisma names unique indexes <Model>_<field>[_<field>…]_key.
  const index = constraint?.index;
  const model = meta?.modelName;
  if (index && model && index.startsWith(`${model}_`) && index.endsWith("_key"))
    return index.slice(model.length + 1, -"_key".length).split("_");
  return [];
}
