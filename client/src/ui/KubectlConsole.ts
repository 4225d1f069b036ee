/**
 * The Match scene's kubectl console: a panel of page elements over the lower cluster (Phaser's
 * DOM layer, so it scales with the canvas) with a monospace output pane, a command line and,
 * for `-f -`, a box to paste YAML into. Lines run on the server's world (`kubectl` message);
 * Tab asks the server for completions; a write prints kubectl's confirmation when its intent
 * result comes back accepted, or the refusal in the player's language. Its keys never reach
 * the scene's shortcuts.
 */
import type Phaser from "phaser";
import { kubectlConfirmation } from "../../../shared/kubectl";
import type { KubectlCompletionPayload, KubectlResultPayload } from "../../../shared/protocol/messages";
import {
  MAX_KUBECTL_LINE,
  MAX_KUBECTL_MESSAGE_BYTES,
  MAX_KUBECTL_STDIN,
} from "../../../shared/protocol/messages";
import type { ErrorPayload } from "../../../shared/protocol/messages";
import type { IntentResult } from "../../../shared/sim";
import {
  ConsoleModel,
  applyCompletion,
  messageBytes,
  readsStdin,
  type ConsoleLineKind,
} from "../console/model";
import { t } from "../i18n";
import type { Connection } from "../net/connection";
import { refusalText } from "../refusals";

/** Where the console sits (design pixels): over the lower half of the cluster and the action bar. */
export const CONSOLE_RECT = { x: 12, y: 330, w: 940, h: 378 } as const;

/** What the test hook reports of the console. */
export interface ConsoleState {
  open: boolean;
  /** Whether the YAML box (`-f -`) is showing. */
  yaml: boolean;
  input: string;
  lines: { kind: ConsoleLineKind; text: string }[];
  history: string[];
  /** Intents of console writes still waiting for their results. */
  pending: number;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}

/** The console panel. */
export class KubectlConsole {
  readonly model = new ConsoleModel();
  private readonly dom: Phaser.GameObjects.DOMElement;
  private readonly root: HTMLDivElement;
  private readonly title: HTMLSpanElement;
  private readonly help: HTMLDivElement;
  private readonly out: HTMLPreElement;
  private readonly yamlHint: HTMLDivElement;
  private readonly yamlBox: HTMLTextAreaElement;
  private readonly input: HTMLInputElement;
  private readonly closeButton: HTMLButtonElement;
  private nextId = 1;
  /** The id of the line whose reply is awaited, and of the completion asked for. */
  private running = 0;
  private completing: { id: number; line: string } | undefined;
  /** The command the YAML box is for. */
  private yamlLine = "";
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    scene: Phaser.Scene,
    private readonly conn: Connection,
  ) {
    const r = CONSOLE_RECT;
    // Phaser sets its element's `display` every frame: the flex layout lives one level in.
    const wrap = el("div", "kc-wrap");
    wrap.style.width = `${r.w}px`;
    wrap.style.height = `${r.h}px`;
    this.root = el("div", "kubectl-console");
    wrap.append(this.root);
    const head = el("div", "kc-head");
    this.title = el("span", "kc-title");
    this.closeButton = el("button", "kc-close");
    this.closeButton.type = "button";
    this.closeButton.addEventListener("click", () => this.close());
    head.append(this.title, this.closeButton);
    this.help = el("div", "kc-help");
    this.out = el("pre", "kc-out");
    this.yamlHint = el("div", "kc-yaml-hint");
    this.yamlBox = el("textarea", "kc-yaml");
    this.yamlBox.spellcheck = false;
    this.yamlBox.maxLength = MAX_KUBECTL_STDIN;
    const line = el("div", "kc-line");
    const prompt = el("span", "kc-prompt");
    prompt.textContent = "$";
    this.input = el("input", "kc-input");
    this.input.type = "text";
    this.input.name = "kubectl";
    this.input.autocomplete = "off";
    this.input.spellcheck = false;
    this.input.maxLength = MAX_KUBECTL_LINE;
    line.append(prompt, this.input);
    this.root.append(head, this.help, this.out, this.yamlHint, this.yamlBox, line);
    this.dom = scene.add.dom(r.x, r.y, wrap).setOrigin(0, 0).setDepth(900);
    this.wireKeys();
    this.unsubscribe.push(
      conn.on("kubectlResult", (m) => this.onResult(m)),
      conn.on("kubectlCompletion", (m) => this.onCompletion(m)),
      conn.on("intentResult", (m) => this.onIntentResult(m)),
      conn.on("error", (e) => this.onError(e)),
    );
    this.relabel();
    this.showYaml(false);
    this.dom.setVisible(false);
  }

  /** Whether the console is showing. */
  get isOpen(): boolean {
    return this.dom.visible;
  }

  /** Shows the console and puts the cursor in its line. */
  open(): void {
    this.dom.setVisible(true);
    // Shown now, not at the next frame, so that the line can take the focus at once.
    (this.dom.node as HTMLElement).style.display = "block";
    this.render();
    this.focus();
  }

  /** Puts the cursor back in the line (or the YAML box) of the open console. */
  focus(): void {
    (this.yamlLine ? this.yamlBox : this.input).focus();
  }

  /** Hides the console (what was typed stays). */
  close(): void {
    this.input.blur();
    this.yamlBox.blur();
    this.dom.setVisible(false);
  }

  /** Re-reads its strings in the current language. */
  relabel(): void {
    this.title.textContent = t("console.title");
    this.help.textContent = t("console.help");
    this.closeButton.textContent = t("console.close");
    this.input.placeholder = t("console.placeholder");
    this.yamlBox.placeholder = t("console.yamlPlaceholder");
    if (this.yamlLine) this.yamlHint.textContent = t("console.yaml", { line: this.yamlLine });
  }

  /** Stops listening (the scene shuts down). */
  destroy(): void {
    for (const off of this.unsubscribe) off();
    this.dom.destroy();
  }

  /** What the test hook reports. */
  state(): ConsoleState {
    return {
      open: this.isOpen,
      yaml: this.yamlLine !== "",
      input: this.input.value,
      lines: this.model.lines.map((l) => ({ ...l })),
      history: [...this.model.history],
      pending: this.model.pending.length,
    };
  }

  private wireKeys(): void {
    // Keys typed here are the console's: the scene's window handler must not see them.
    for (const target of [this.input, this.yamlBox, this.root]) {
      target.addEventListener("keydown", (e) => e.stopPropagation());
      target.addEventListener("keyup", (e) => e.stopPropagation());
    }
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.submit(this.input.value);
      } else if (e.key === "Tab") {
        e.preventDefault();
        this.askCompletion();
      } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
        e.preventDefault();
        this.input.value = this.model.walk(e.key === "ArrowUp" ? -1 : 1, this.input.value);
        this.input.setSelectionRange(this.input.value.length, this.input.value.length);
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.close();
      }
    });
    // Text with line breaks pasted into the line is YAML: it goes to the box, for `apply -f -`.
    this.input.addEventListener("paste", (e) => {
      const text = e.clipboardData?.getData("text") ?? "";
      if (!text.includes("\n")) return;
      e.preventDefault();
      const typed = this.input.value.trim();
      this.askYaml(typed && readsStdin(typed) ? typed : "kubectl apply -f -");
      this.yamlBox.value = text;
    });
    this.yamlBox.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.sendYaml();
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.showYaml(false);
        this.input.focus();
      }
    });
  }

  /** Enter on the line: a console word (`help`, `clear`), a command reading `-f -` (asks for YAML), or a command to run. */
  private submit(raw: string): void {
    const line = raw.trim();
    this.model.remember(line);
    this.input.value = "";
    if (line === "") return;
    if (line === "clear") {
      this.model.clear();
      return this.render();
    }
    if (line === "help") {
      // The console's keys, then what kubectl itself lists (a bare `kubectl`).
      this.model.print("note", t("console.help"));
      return this.run("kubectl");
    }
    if (readsStdin(line)) return this.askYaml(line);
    const size = messageBytes(line);
    if (size > MAX_KUBECTL_MESSAGE_BYTES) {
      this.model.print("err", t("console.tooLarge", { size, max: MAX_KUBECTL_MESSAGE_BYTES }));
      return this.render();
    }
    this.run(line);
  }

  private run(line: string, stdin?: string): void {
    this.model.print("input", `$ ${line}`);
    if (stdin !== undefined) this.model.print("note", stdin);
    this.running = this.nextId++;
    this.conn.kubectl(this.running, line, stdin);
    this.render();
  }

  private askYaml(line: string): void {
    this.yamlLine = line;
    this.input.value = "";
    this.showYaml(true);
    this.relabel();
    this.yamlBox.focus();
  }

  private sendYaml(): void {
    const text = this.yamlBox.value;
    const line = this.yamlLine;
    // Refused here, the box kept: a frame over the transport's limit would cost the seat.
    const size = messageBytes(line, text);
    if (size > MAX_KUBECTL_MESSAGE_BYTES) {
      this.model.print("err", t("console.tooLarge", { size, max: MAX_KUBECTL_MESSAGE_BYTES }));
      return this.render();
    }
    this.showYaml(false);
    this.yamlBox.value = "";
    this.input.focus();
    this.run(line, text);
  }

  private showYaml(on: boolean): void {
    if (!on) this.yamlLine = "";
    this.yamlHint.hidden = !on;
    this.yamlBox.hidden = !on;
    this.root.classList.toggle("kc-yaml-mode", on);
  }

  private askCompletion(): void {
    const line = this.input.value;
    const cursor = this.input.selectionStart ?? line.length;
    const id = this.nextId++;
    this.completing = { id, line };
    this.conn.completeKubectl(id, line, cursor);
  }

  private onCompletion(c: KubectlCompletionPayload): void {
    const asked = this.completing;
    // A reply to an older Tab, or to a line the player has changed since: not this line's.
    if (!asked || asked.id !== c.id || this.input.value !== asked.line) return;
    this.completing = undefined;
    const done = applyCompletion(asked.line, c);
    this.input.value = done.line;
    this.input.setSelectionRange(done.cursor, done.cursor);
    if (done.listed.length > 0) {
      this.model.print(
        "note",
        `${t("console.matches", { n: done.listed.length })} ${done.listed.join("  ")}`,
      );
      this.render();
    }
  }

  private onResult(m: KubectlResultPayload): void {
    if (m.id === this.running) this.running = 0;
    if (m.stdout) this.model.print("out", m.stdout);
    if (m.stderr) this.model.printStderr(m.stderr);
    if (m.intents.length > 0) {
      this.model.await(m.intents);
      this.model.print("note", t("console.waiting"));
    }
    this.render();
  }

  private onIntentResult(r: IntentResult): void {
    if (!this.model.settle(r.intent)) return;
    if (r.ok) this.model.print("ok", kubectlConfirmation(r.intent));
    else {
      // kubectl's form, with the reason in the player's language where the client has it.
      const text = refusalText(r);
      const why = text.startsWith(`${r.code}: `) ? text.slice(r.code.length + 2) : text;
      this.model.print("err", `Error from server (${r.code}): ${why}`);
    }
    this.render();
  }

  private onError(e: ErrorPayload): void {
    if (e.ref !== "kubectl" && e.ref !== "kubectlComplete") return;
    this.model.print("err", `${e.code}: ${e.message}`);
    this.render();
  }

  /** Redraws the output (only while showing) and scrolls to its end. */
  private render(): void {
    if (!this.isOpen) return;
    const rows = this.model.lines.map((l) => {
      const span = el("span", `kc-l-${l.kind}`);
      span.textContent = `${l.text}\n`;
      return span;
    });
    this.out.replaceChildren(...rows);
    this.out.scrollTop = this.out.scrollHeight;
  }
}
