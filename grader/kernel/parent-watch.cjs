// Preloaded into every kernel the grader starts (node --require): when the grader that started
// the kernel is gone (killed with SIGKILL, so it could not shut its kernels down), the kernel
// ends itself and its whole process group, so no kernel outlives a killed run.
"use strict";

function endAll() {
  try {
    process.kill(0, "SIGKILL"); // 0: our own process group (the kernel is its leader)
  } finally {
    process.exit(137);
  }
}

// The grader holds the other end of our stdin and never writes to it: when the grader is gone,
// however it died, stdin ends. This works through a sandbox too, where a pid namespace hides the
// grader's pid and the sandbox itself may outlive it (a grader killed while bubblewrap was still
// starting: bwrap's --die-with-parent came too late, seen once in CI).
if (process.env.ACADEMY_PARENT_STDIN === "1") {
  process.stdin.on("end", endAll).on("error", endAll).resume();
}

// The grader passes its pid: if it died before this line ran, process.ppid is already 1 here.
const parent = Number(process.env.ACADEMY_PARENT_PID) || process.ppid;
const timer = setInterval(() => {
  if (process.ppid !== parent) endAll();
}, 500);
timer.unref();
