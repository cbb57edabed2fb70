// Preloaded (NODE_OPTIONS --require) into every process `npm start` supervises. The launcher stops
// them on exit; if it dies without doing so (SIGKILL, the OOM killer), they would run on as orphans
// holding ports and the database. Instead each one notices and stops itself gracefully (SIGTERM).
"use strict";
const launcher = Number(process.env.SWITCHBOARD_LAUNCHER_PID);
if (launcher > 0 && launcher !== process.pid) {
  const timer = setInterval(
    () => {
      try {
        process.kill(launcher, 0);
      } catch (error) {
        if (error.code !== "ESRCH") return;
        clearInterval(timer);
        process.kill(process.pid, "SIGTERM");
      }
    },
    Number(process.env.SWITCHBOARD_ORPHAN_CHECK_MS) || 2000,
  );
  timer.unref();
}
