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

/**
 * Files chosen together, as imports: a browser's "Webpage, complete" saves NAME.html and its
 * pictures in NAME_files/, and a reader who chooses them all (or drops the folder) means one
 * article with its pictures, not a page and a pile of refused pictures. So when a web page is
 * among them, the pictures go with each page (each takes those of its own folder) instead of
 * being imports of their own.
 */
export function groupChosenFiles(files: Iterable<File>): ChosenFile[] {
  const chosen = [...files];
  const pages = chosen.some((file) => WEB_PAGE.test(file.name));
  const pictures = pages ? chosen.filter(isPicture) : [];
  return chosen.filter((file) => !pictures.includes(file)).map((file) => ({ file, chosenWith: WEB_PAGE.test(file.name) ? pictures : [] }));
}
