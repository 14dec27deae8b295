/** jest: TypeScript tests through ts-jest; kernel and server tests are slow, so timeouts are generous. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    "^data-academy$": "<rootDir>/src/index.ts",
    "^data-academy/paths$": "<rootDir>/src/paths.ts",
    "^academy-lake-generator$": "<rootDir>/lake-generator/index.ts",
  },
  setupFiles: ["<rootDir>/tests/helpers/progress-env.ts"],
  testTimeout: 120000,
  maxWorkers: 2,
};
