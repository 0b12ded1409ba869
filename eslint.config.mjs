import js from "@eslint/js";
import tseslint from "typescript-eslint";

const providerRoots = [
  "@cdktf/provider-google",
  "@cdktf/provider-google-beta",
  "@cdktf/provider-helm",
  "@cdktf/provider-kubernetes",
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "cdktf.out/**",
      "dist/**",
      "generated/**",
      ".gen/**",
      "coverage/**",
      "reports/**",
      ".stryker-tmp/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: providerRoots.map((name) => ({
            name,
            message: `Import the class by its deep path (${name}/lib/<resource>): the package root loads every resource (~3 s, ~500 MB).`,
          })),
          patterns: [
            {
              regex: "^@cdktf/provider-[a-z-]+/lib/?$",
              message: "Import the class by its deep path (<package>/lib/<resource>).",
            },
          ],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
