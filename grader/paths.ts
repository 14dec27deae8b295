/**
 * Where things are. The grader runs both from its compiled dist/ and (in tests) from the
 * TypeScript sources, so paths are found by walking up to the package, never by counting "../".
 */
import { dirname } from "node:path";
import { packageRoot } from "data-academy/paths";

/** The grader package folder (grader/). */
export const graderRoot = packageRoot(__dirname);

/** The repository root: the folder holding datasets/, notebooks/ and the workspace package.json. */
export const repoRoot = dirname(graderRoot);
