// Shared by the org command tests: the emulator's state, read straight from the API.
import type { TestEmulator } from '../../helpers/emulator';

/** Whether demo (who owns every seeded org) can see the org `handle`: it exists. */
export async function orgExists(emu: TestEmulator, handle: string): Promise<boolean> {
  const res = await fetch(`${emu.url}/api/v0/org/${handle}`, { headers: { authorization: `Bearer ${emu.token}` } });
  return res.status === 200;
}
