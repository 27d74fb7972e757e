/**
 * Polls until `check` holds, for the bus's tests against real servers: they wait for an effect
 * (a delivery, a lag reading), never for a duration. Fails with `what` after `timeoutMs`.
 */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
