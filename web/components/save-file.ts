/**
 * Hands a file made in the browser (an export the API returned, a JSON document) to the browser's download.
 * The object URL is released a little later, not at once: revoking it in the same task can cancel the download
 * in some browsers.
 */
export function saveFile(content: Blob, filename: string): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
