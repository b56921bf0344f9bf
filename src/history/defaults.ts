// Defaults of the history stage, in a module of their own so the CLI can show them in --help
// without loading the stage.

/**
 * Bots whose commits say nothing about ownership or coupling (matched against "Name <email>"): a GitHub App's
 * `name[bot]` or `name[anything]`, an address whose name is a bot's (`bot@`, `ci-bot@`), and the known ones.
 */
export const DEFAULT_EXCLUDED_AUTHORS =
  "\\[bot\\]|\\[[^\\]]+\\] <|<([^<>@]*[-._+])?bot@|" +
  "^(dependabot|renovate|greenkeeper|snyk-bot|semantic-release-bot|github-actions|imgbot)\\b";

/** code-maat's max-changeset-size default */
export const DEFAULT_MAX_CHANGESET = 30;

/** Fewer kept commits than this touching the analysed files: no first pick (too little history) */
export const DEFAULT_MIN_COMMITS = 50;
