// Shared pieces of the help text, so every command's help reads the same way.

/** Headings that group the root command's list of commands (as gh groups its help). */
export const HELP_GROUP = {
  auth: 'Authentication commands:',
  org: 'Organization commands:',
  more: 'Additional commands:',
} as const;

/** The "Examples:" block for `.addHelpText('after', examples(...))`; a line starting with # is a comment. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => (l.startsWith('#') ? `  ${l}` : `  $ ${l}`)).join('\n')}\n`;
}
