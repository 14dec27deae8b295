// Preloaded into every kernel the grader starts (node --require): when the grader that started
// the kernel is gone (killed with SIGKILL, so it could not shut its kernels down), the kernel
// ends itself and its whole process group, so no kernel outlives a killed run.
"use strict";
// The grader passes its pid: if it died before this line ran, process.ppid is already 1 here.
const parent = Number(process.env.ACADEMY_PARENT_PID) || process.ppid;
const timer = setInterval(() => {
  if (process.ppid === parent) return;
  try {
    process.kill(0, "SIGKILL"); // 0: our own process group (the kernel is its leader)
  } finally {
    process.exit(137);
  }
}, 500);
timer.unref();
