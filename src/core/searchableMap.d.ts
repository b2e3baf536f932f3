// minisearch exports its radix tree only as the subpath 'minisearch/SearchableMap' (package
// "exports"), which this project's module resolution (node10, for CommonJS output) cannot see.
// Borrow the published declaration for that subpath; esbuild and Node resolve it at run time.
declare module 'minisearch/SearchableMap' {
  import SearchableMap from 'minisearch/dist/es/SearchableMap';
  export default SearchableMap;
}
