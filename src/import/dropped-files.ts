/**
 * The entry's file, knowing its path in the dropped folder as a picked folder's files do
 * (webkitRelativePath): which NAME_files/ folder a file is in says which page it belongs to.
 */
async function fileOf(entry: FileSystemFileEntry): Promise<File> {
  const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
  if (!file.webkitRelativePath) Object.defineProperty(file, 'webkitRelativePath', { value: entry.fullPath.replace(/^\//, '') });
  return file;
}

/** Enough for a saved page's folder of pictures; a folder of thousands is no saved page. */
const MAX_FOLDER_FILES = 1000;

/** The files of a dropped folder and its folders, up to MAX_FOLDER_FILES. */
async function filesIn(folder: FileSystemDirectoryEntry, files: File[], depth = 0): Promise<void> {
  const reader = folder.createReader();
  for (;;) {
    const entries = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (entries.length === 0) return;
    for (const entry of entries) {
      if (files.length >= MAX_FOLDER_FILES) return;
      if (entry.isFile) files.push(await fileOf(entry as FileSystemFileEntry));
      else if (entry.isDirectory && depth < 3) await filesIn(entry as FileSystemDirectoryEntry, files, depth + 1);
    }
  }
}

/**
 * What was dropped, the files in dropped folders included: a "Webpage, complete" page dropped
 * with its NAME_files/ folder brings its pictures. Called during the drop event, while the
 * browser still hands out the entries; `files` are the event's files, all there is without a folder.
 */
export async function droppedFiles(data: DataTransfer, files: File[]): Promise<File[]> {
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (!entries.some((entry) => entry?.isDirectory)) return files;
  const found: File[] = [];
  for (const entry of entries) {
    if (entry?.isDirectory) await filesIn(entry as FileSystemDirectoryEntry, found);
    else if (entry?.isFile) found.push(await fileOf(entry as FileSystemFileEntry));
  }
  return found;
}
