/** A page's HTML without its <time> tags (their text stays), for assertions on the sentences around dates. */
export function untimed(page: string): string {
  return page.replace(/<time datetime="[^"]*">|<\/time>/g, '');
}
