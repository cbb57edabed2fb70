import type { TQualityHost } from "./index";

/**
 * An engine-wide loop that drains work the portal queued (a NOTIFY on `channel`, polling as the
 * fallback): `drainOnce` handles a batch and returns how many it took; it is called until it takes
 * none. Serialized: a wake-up mid-drain runs one more pass afterwards.
 */
export function notifiedDrainLoop(
  host: TQualityHost,
  channel: string,
  drainOnce: () => Promise<number>,
  failure: string,
): { start(): Promise<void>; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  const wake = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          while ((await drainOnce()) > 0 && !stopped);
        } catch (error) {
          host.log.error({ err: String(error) }, `${failure}; retrying on the next poll`);
        }
      } while (again && !stopped);
    })().finally(() => (running = null));
    return running;
  };
  const onNotify = () => void wake();
  return {
    async start() {
      stopped = false;
      host.listener.on(channel, onNotify);
      host.listener.on("reconnected", onNotify);
      await host.listener.listen(channel);
      await wake();
      timer = setInterval(onNotify, host.pollMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      host.listener.off(channel, onNotify);
      host.listener.off("reconnected", onNotify);
      await running?.catch(() => undefined);
    },
  };
}
