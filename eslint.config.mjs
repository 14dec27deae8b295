// Lint for the course library, the lake generator, the grader, tests and benchmarks.
// Formatting is Prettier's job (eslint-config-prettier turns off the rules that would fight it).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["**/dist/**", "node_modules/**", ".venv/**", "test-artifacts/**", "notebooks/**", "datasets/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "import-x": importX },
    rules: {
      // A promise nobody awaits loses its error: the commonest way a kernel or grading bug hides.
      "@typescript-eslint/no-floating-promises": "error",
      "import-x/order": ["error", { groups: ["builtin", "external", "internal", "parent", "sibling", "index"] }],
      // A function a reader can hold: a warning, so a long one is a conversation, not a red build.
      "max-lines-per-function": ["warn", { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettier,
);
