/**
 * The foundation, against real parts: the project's .venv Jupyter server, the tslab kernel
 * registered by `make`, the course library resolved through node_modules.
 */
import { KernelManager, SessionManager } from "@jupyterlab/services";
import { startJupyter, RunningServer } from "../helpers/jupyter-server";
import { runCell, serverSettings } from "../helpers/services";

describe("tslab kernel on the project's Jupyter server", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startJupyter({ app: "server" });
  });

  afterAll(async () => {
    if (server) await server.stop();
  });

  test("the kernelspec list shows TypeScript, backed by tslab with a heap cap", async () => {
    const res = await fetch(`${server.url}/api/kernelspecs`, {
      headers: { Authorization: `token ${server.token}` },
    });
    const body = (await res.json()) as {
      kernelspecs: Record<string, { spec: { display_name: string; argv: string[] } }>;
    };
    const spec = body.kernelspecs["tslab"]?.spec;
    expect(spec?.display_name).toBe("TypeScript");
    // The launcher: the snapshot kernel when it fits, else plain tslab (grader/kernel/launch.sh).
    expect(spec?.argv[0]).toMatch(/grader\/kernel\/launch\.sh$/);
    expect(spec?.argv.join(" ")).toMatch(/--memory-mb \d+ .*--config-path \{connection_file\}$/);
  });

  test("runs TypeScript, reports a type error on stderr, and leaves no process behind", async () => {
    const settings = serverSettings(server.url, server.token);
    const kernels = new KernelManager({ serverSettings: settings });
    const kernel = await kernels.startNew({ name: "tslab" });
    try {
      const ok = await runCell(kernel, "const x: number = 40 + 2; x");
      expect(ok.status).toBe("ok");
      expect(ok.stdout).toBe("42\n"); // tslab shows the last expression's value on stdout

      const bad = await runCell(kernel, 'const y: number = "forty-two";');
      expect(bad.status).toBe("error");
      expect(bad.stderr).toMatch(/Type 'string' is not assignable to type 'number'/);
    } finally {
      await kernel.shutdown();
      kernels.dispose();
    }
    const kernelPids = server.seenChildren();
    expect(kernelPids.length).toBeGreaterThan(0); // we did see the kernel process while it ran
    const survivors = await server.stop();
    expect(survivors).toEqual([]);
    server = await startJupyter({ app: "server" }); // fresh one for the remaining tests
  });

  test("a notebook under notebooks/ imports the course library by package name", async () => {
    const settings = serverSettings(server.url, server.token);
    const sessions = new SessionManager({
      serverSettings: settings,
      kernelManager: new KernelManager({ serverSettings: settings }),
    });
    const session = await sessions.startNew({
      path: "notebooks/release/import-check.ipynb",
      name: "import-check.ipynb",
      type: "notebook",
      kernel: { name: "tslab" },
    });
    try {
      const run = await runCell(
        session.kernel!,
        'import { version } from "data-academy";\nconst v: string = version;\nconsole.log(JSON.stringify({ cwd: process.cwd(), v }));',
      );
      expect(run.stderr).toBe("");
      expect(run.status).toBe("ok");
      const { cwd, v } = JSON.parse(run.stdout) as { cwd: string; v: string };
      expect(cwd.endsWith("/notebooks/release")).toBe(true); // tslab runs cells in the notebook's folder
      expect(v).toMatch(/^\d+\.\d+\.\d+$/);

      // The library's types reach the cell: misuse is a type error, not a silent undefined.
      const typed = await runCell(
        session.kernel!,
        'import { version as v2 } from "data-academy";\nconst n: number = v2;',
      );
      expect(typed.status).toBe("error");
      expect(typed.stderr).toMatch(/not assignable to type 'number'/);
    } finally {
      await session.shutdown();
      sessions.dispose();
    }
  });
});

describe("make lab", () => {
  test("serves JupyterLab on the release notebooks with the TypeScript kernel listed", async () => {
    const lab = await startJupyter({ app: "lab" });
    try {
      const auth = { headers: { Authorization: `token ${lab.token}` } };
      const specs = (await (await fetch(`${lab.url}/api/kernelspecs`, auth)).json()) as {
        kernelspecs: Record<string, { spec: { display_name: string } }>;
      };
      const names = Object.values(specs.kernelspecs).map((k) => k.spec.display_name);
      expect(names).toContain("TypeScript");

      const page = await fetch(`${lab.url}/lab?token=${lab.token}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/JupyterLab/);

      const contents = (await (await fetch(`${lab.url}/api/contents/`, auth)).json()) as {
        path: string;
        type: string;
      };
      expect(contents.type).toBe("directory"); // the root is notebooks/release itself
      expect(lab.log()).toMatch(/Starting JupyterLab on notebooks\/release/);
    } finally {
      expect(await lab.stop()).toEqual([]);
    }
  });
});
