/**
 * What the game accepts as a container image reference — one rule for the `setImage`
 * intent and for the client's image field, so the field refuses what the server would.
 */

/** A lower-case registry/repository path with an optional `:tag` or `@digest`, at most 200 characters. */
export const IMAGE_REF = /^[a-z0-9][a-z0-9._/:@-]{0,199}$/;

/** Whether a string is an image reference the game accepts (`nginx:1.26`, `registry.k8s.io/coredns/coredns:v1.11.1`). */
export function isImageRef(image: string): boolean {
  return IMAGE_REF.test(image);
}
