/** The path of a request URL without its query string, which can carry a searched name or ID number. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
