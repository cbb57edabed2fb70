import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";
import type { HttpInput } from "./input-http";

describe("input http", () => {
  configTable("input", "http", [
    ["path", { path: "/orders" }, "ok"],
    ["methods", { path: "/orders", methods: ["PUT"] }, "ok"],
    ["no leading slash", { path: "orders" }, "a path like /orders"],
    ["GET", { path: "/x", methods: ["GET"] }, "methods"],
  ]);

  it("hands delivered messages to read() and settles the sender on ack", async () => {
    const input = createRegistry().build("input", "http", { path: "/orders" }) as HttpInput;
    const msg = createMessage({ body: { a: 1 } });
    const delivered = input.deliver(msg);
    const { msg: got, ack } = await input.read(new AbortController().signal);
    expect(got).toBe(msg);
    await ack();
    await expect(delivered).resolves.toBeUndefined();
    const failed = input.deliver(createMessage({ body: 2 }));
    await (await input.read(new AbortController().signal)).ack(new Error("boom"));
    await expect(failed).rejects.toThrow("boom");
  });

  it("aborts a pending read and rejects pending deliveries on close", async () => {
    const input = createRegistry().build("input", "http", { path: "/orders" }) as HttpInput;
    const ctl = new AbortController();
    const reading = input.read(ctl.signal);
    ctl.abort(new Error("stop"));
    await expect(reading).rejects.toThrow("stop");
    const pending = input.deliver(createMessage({ body: 1 }));
    await input.close();
    await input.close();
    await expect(pending).rejects.toThrow("closed");
  });
});
