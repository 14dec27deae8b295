/** JupyterLab in a real browser, part 2 of 2 of the release notebooks (see notebook-suite.ts). */
import { notebookSuite } from "./notebook-suite";

notebookSuite(1, 2);
