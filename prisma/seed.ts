// Demo data. Idempotent: running it again changes nothing that already exists.
// Each area adds its own seed module under prisma/seed/ and a line below.
import { systemActor } from "../lib/auth/actor";
import { disconnectDb } from "../lib/db";
import { seedUsers } from "./seed/users";
import { seedInventory } from "./seed/inventory";
import { seedStrategy } from "./seed/strategy";
import { seedEngine } from "./seed/engine";
import { seedChangeManagement } from "./seed/changes";
import { seedPortfolio } from "./seed/portfolio";
import { seedHealth } from "./seed/health";
import { seedCatalog } from "./seed/catalog";
import { seedApis } from "./seed/apis";
import { seedApiConsumers } from "./seed/api-consumers";
import { seedApiAnalytics } from "./seed/api-analytics";
import { seedQualityMaster } from "./seed/quality-master";
import { seedQualityQuarantine } from "./seed/quality-quarantine";
import { seedQualitySla } from "./seed/quality-sla";
import { seedQualityPrivacy } from "./seed/quality-privacy";
import { seedQualityProfiling } from "./seed/quality-profiling";

async function main(): Promise<void> {
  const actor = systemActor("seed");
  await seedUsers(actor);
  await seedInventory(actor);
  await seedStrategy(actor);
  await seedEngine(actor);
  await seedChangeManagement(actor);
  await seedPortfolio(actor);
  await seedCatalog(actor);
  await seedHealth(actor);
  await seedApis(actor);
  await seedApiConsumers(actor);
  await seedApiAnalytics(actor);
  await seedQualityMaster(actor);
  await seedQualityQuarantine(actor);
  await seedQualitySla(actor);
  await seedQualityPrivacy(actor);
  await seedQualityProfiling(actor);
  console.log("Seed complete.");
}

main()
  .then(() => disconnectDb())
  .catch(async (error: unknown) => {
    console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
    await disconnectDb();
    process.exit(1);
  });
