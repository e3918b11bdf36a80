// Shared pieces of the help text, so every command's help reads the same way.
import { Argument, Option } from 'commander';

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

/**
 * An option whose value is one of a few words: `choices` are shown in help and offered by shell
 * completion, while `parse` does the checking (in any case, worded like every other check).
 */
export function choiceOption<T>(flags: string, description: string, choices: readonly string[], parse: (value: string) => T): Option {
  const option = new Option(flags, description).argParser(parse);
  option.argChoices = [...choices];
  return option;
}

/** An argument whose value is one of a few words (see choiceOption). */
export function choiceArgument<T>(name: string, description: string, choices: readonly string[], parse: (value: string) => T): Argument {
  const argument = new Argument(name, description).argParser(parse);
  argument.argChoices = [...choices];
  return argument;
}
