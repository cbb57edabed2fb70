import { z } from "zod";
import { defineComponent } from "@/lib/engine/core/contracts";
import { ROUTE_HEADER } from "@/lib/engine/core/runner";
import { toBoolean } from "@/lib/engine/sandbox/jsonata-runtime";
import { zJsonata } from "@/lib/engine/sandbox/jsonata-syntax";
import { evaluateOnMessage } from "../shared/expressions";

const ZBranchName = z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, "use lower case letters, digits, - or _");

export const routeProcessor = defineComponent({
  kind: "processor",
  name: "route",
  status: "stable",
  bounded: true,
  summary:
    "Content-based router: the first branch whose condition holds names the route; steps and outputs with `when: [branch]` take it. Sees failed messages too ($failed, $error, $failedStep), so errors can be routed.",
  handlesFailed: true,
  config: z
    .object({
      branches: z
        .array(z.object({ name: ZBranchName, when: zJsonata("Condition over the body.") }).strict())
        .min(1)
        .max(50),
      otherwise: ZBranchName.optional().describe(
        "Branch for messages no condition matched; without it they are dropped.",
      ),
    })
    .strict()
    .superRefine((c, ctx) => {
      const names = c.branches.map((b) => b.name);
      names.forEach((n, i) => {
        if (names.indexOf(n) !== i)
          ctx.addIssue({ code: "custom", path: ["branches", i, "name"], message: `branch "${n}" is defined twice` });
      });
    }),
  create: (config, deps) => ({
    async process(msg) {
      for (const branch of config.branches) {
        if (toBoolean(await evaluateOnMessage(deps, branch.when, msg)))
          return [{ ...msg, headers: { ...msg.headers, [ROUTE_HEADER]: branch.name } }];
      }
      return config.otherwise ? [{ ...msg, headers: { ...msg.headers, [ROUTE_HEADER]: config.otherwise } }] : [];
    },
  }),
});
