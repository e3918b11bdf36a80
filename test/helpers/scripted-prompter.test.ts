import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors';
import { CANCEL, ScriptedPrompter, UnexpectedPromptError } from './scripted-prompter';

describe('ScriptedPrompter', () => {
  it('answers in order, matching kind and message, and computes answers from the question', async () => {
    const p = new ScriptedPrompter()
      .expectInput('Type acme', 'acme')
      .expectConfirm(/remove/i, true)
      .expectSelect('Default org:', (q) => q.choices![1]!.value);
    expect(await p.input({ message: 'Type acme to confirm:' })).toBe('acme');
    expect(await p.confirm({ message: 'Remove jane?' })).toBe(true);
    const chosen = await p.select({ message: 'Default org:', choices: [{ name: 'a', value: 'a' }, { name: 'b', value: 'b' }] });
    expect(chosen).toBe('b');
    p.assertDone();
    expect(p.asked.map((q) => q.kind)).toEqual(['input', 'confirm', 'select']);
  });

  it('records and throws on a question it does not expect', async () => {
    const p = new ScriptedPrompter().expectConfirm('Sure?', true);
    await expect(p.input({ message: 'Name?' })).rejects.toBeInstanceOf(UnexpectedPromptError);
    await expect(new ScriptedPrompter().confirm({ message: 'x' })).rejects.toThrow(/unexpected confirm prompt "x"/);
    expect(p.failures).toHaveLength(1);
    expect(() => p.assertDone()).toThrow(UnexpectedPromptError);
  });

  it('complains about questions never asked, and about select answers that are not choices', async () => {
    expect(() => new ScriptedPrompter().expectInput('a', 'b').assertDone()).toThrow(/never asked/);
    const p = new ScriptedPrompter().expectSelect('Pick', 'zzz');
    await expect(p.select({ message: 'Pick', choices: [{ name: 'a', value: 'a' }] })).rejects.toThrow(/not one of its choices/);
  });

  it('acts like Ctrl-C with CANCEL', async () => {
    const p = new ScriptedPrompter().expectInput('code', CANCEL);
    await expect(p.input({ message: 'code' })).rejects.toBeInstanceOf(CancelledError);
  });
});
