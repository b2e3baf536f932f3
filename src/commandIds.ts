// Every command id the extension contributes, in one place (package.json lists the same ids).
export const Commands = {
  openSummary: 'paperShelf.openSummary',
  insertCitation: 'paperShelf.insertCitation',
  insertBibtex: 'paperShelf.insertBibtex',
  insertLink: 'paperShelf.insertLink',
  copyBibtex: 'paperShelf.copyBibtex',
  addToBibliography: 'paperShelf.addToBibliography',
  openAbs: 'paperShelf.openAbs',
  openPdf: 'paperShelf.openPdf',
  findPaper: 'paperShelf.findPaper',
  filter: 'paperShelf.filter',
  clearFilter: 'paperShelf.clearFilter',
  groupByTheme: 'paperShelf.groupByTheme',
  groupByMonth: 'paperShelf.groupByMonth',
  groupByNone: 'paperShelf.groupByNone',
  moveToTheme: 'paperShelf.moveToTheme',
  addPaper: 'paperShelf.addPaper',
  refreshMetadata: 'paperShelf.refreshMetadata',
  importBibtex: 'paperShelf.importBibtex',
  star: 'paperShelf.star',
  unstar: 'paperShelf.unstar',
  removeFromShelf: 'paperShelf.removeFromShelf',
  reloadShelf: 'paperShelf.reloadShelf',
  showLog: 'paperShelf.showLog',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
