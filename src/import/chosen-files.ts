/** A file to import, with the pictures chosen with it that may be its own ("Webpage, complete"). */
export interface ChosenFile {
  file: File;
  chosenWith: File[];
}

const WEB_PAGE = /\.(html?|xhtml)$/i;
const PICTURE = /\.(jpe?g|png|gif|webp|avif|svg|bmp|ico)$/i;

function isPicture(file: File): boolean {
  return file.type.startsWith('image/') || PICTURE.test(file.name);
}

/** The folders a file's path (in a chosen or dropped folder) lies in: `a/b_files/c.js` → `a`, `a/b_files`. */
function foldersOf(file: File): string[] {
  const segments = (file.webkitRelativePath ?? '').split('/').slice(0, -1);
  return segments.map((_, index) => segments.slice(0, index + 1).join('/'));
}

/** The NAME_files/ folder a "Webpage, complete" page at this path was saved with. */
function filesFolderPath(page: File): string {
  const path = page.webkitRelativePath || page.name;
  return path.replace(/\.(html?|xhtml)$/i, '_files');
}

/**
 * Files chosen together, as imports: a browser's "Webpage, complete" saves NAME.html and its
 * pictures in NAME_files/, and a reader who chooses them all (or drops or picks the folder) means
 * one article with its pictures, not a page and a pile of refused pictures. So when a web page is
 * among them, the pictures go with each page (each takes those of its own folder) instead of
 * being imports of their own. In a folder, what else a page's NAME_files/ holds (its scripts,
 * styles, the frames saved as .html) belongs to the page and is no import at all.
 */
export function groupChosenFiles(files: Iterable<File>): ChosenFile[] {
  const chosen = [...files];
  const pages = chosen.filter((file) => WEB_PAGE.test(file.name));
  const pagesFolders = new Set(pages.map(filesFolderPath));
  const inPagesFolder = (file: File) => foldersOf(file).some((folder) => pagesFolders.has(folder));
  const ownPages = pages.filter((page) => !inPagesFolder(page));
  const pictures = ownPages.length > 0 ? chosen.filter(isPicture) : [];
  return chosen
    .filter((file) => !pictures.includes(file) && !inPagesFolder(file))
    .map((file) => ({ file, chosenWith: WEB_PAGE.test(file.name) ? pictures : [] }));
}
