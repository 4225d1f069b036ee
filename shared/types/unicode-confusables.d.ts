/** Types of `unicode-confusables` (its package names a declaration file it does not ship). */
declare module "unicode-confusables" {
  /** One character of the input and, when confusable, the prototype it looks like. */
  interface ConfusablePoint {
    point: string;
    similarTo?: string;
  }
  const confusables: {
    /** Whether any character of `input` is confusable with another. */
    isConfusing(input: string): boolean;
    /** Each character of `input` with the prototype it looks like. */
    confusables(input: string): ConfusablePoint[];
    /** `input` with every confusable character replaced by its prototype (UTS #39 confusables.txt). */
    rectifyConfusion(input: string): string;
  };
  export = confusables;
}
