/**
 * Hands a file the app fetched (with the session cookie, through lib/http) to the browser as a download: an object
 * URL clicked through a temporary `<a download>`, released once the browser has taken it.
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The click starts the download synchronously; revoke on the next task so that every browser has read it.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
