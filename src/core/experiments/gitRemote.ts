/** Remote URLs as records keep them: without the user name or token some clones carry. */

/** `https://user:token@host/repo.git` → `https://host/repo.git`; scp-like `git@host:repo` stays as it is. */
export function redactRemote(url: string): string {
  return url.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
}
