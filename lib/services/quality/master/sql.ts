import "server-only";
import type { Tx } from "@/lib/db";
import { loadEntityConfig, type TEntityConfig, type TSql } from "@/lib/quality/master/store";
import { AppError } from "@/lib/errors";

/** The shared golden-record SQL (lib/quality/master/store) run inside a Prisma transaction. */
export function prismaSql(tx: Tx): TSql {
  return {
    query: async (text, values = []) => ({
      rows: await tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values),
    }),
  };
}

export async function entityConfigByIdOrThrow(tx: Tx, entityId: string): Promise<TEntityConfig> {
  const entity = await tx.masterEntity.findUnique({ where: { id: entityId }, select: { key: true } });
  const config = entity ? await loadEntityConfig(prismaSql(tx), entity.key) : null;
  if (!config) throw new AppError("NOT_FOUND", "That master entity does not exist or is archived.");
  return config;
}
