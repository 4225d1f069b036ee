/** placeholder */
import { fail, type Context, type KubectlRun } from "./result";
/** `kubectl explain`. */
export function runExplain(_ctx: Context): KubectlRun {
  return fail("error: explain is not ready");
}
