/**
 * Where to go after signing in: only paths on this site, so a crafted link
 * (`/login?next=https://evil.example`) cannot send people elsewhere.
 */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login') ? next : '/';
}
