"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/http/action-client";
import { acknowledgeAlerts, resolveAlert } from "@/lib/services/alerts";
import { ZAlertId, ZAlertIds } from "@/lib/validation/alerts";

/** Acknowledges one alert or a page of them; the engine raises no duplicate while they stay acknowledged. */
export const acknowledgeAlertsAction = action(
  { permission: "flow:operate", input: ZAlertIds },
  async ({ input, actor }) => {
    const result = await acknowledgeAlerts(actor, input);
    revalidatePath("/flows/alerts");
    revalidatePath("/flows");
    return result;
  },
);

export const resolveAlertAction = action({ permission: "flow:operate", input: ZAlertId }, async ({ input, actor }) => {
  const result = await resolveAlert(actor, input);
  revalidatePath("/flows/alerts");
  revalidatePath("/flows");
  return result;
});
