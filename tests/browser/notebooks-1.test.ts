/** JupyterLab in a real browser, part 1 of 2 of the release notebooks (see notebook-suite.ts). */
import { notebookSuite } from "./notebook-suite";

notebookSuite(0, 2);
