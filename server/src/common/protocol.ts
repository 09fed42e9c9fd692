/**
 * The custom requests between the VS Code client and the server: method names. The client imports
 * this module too, so both sides use the same names.
 */
export const Requests = {
  catalogTree: 'containerAtlas/catalogTree',
  entry: 'containerAtlas/entry',
  alternatives: 'containerAtlas/alternatives',
  inventory: 'containerAtlas/inventory',
  rescan: 'containerAtlas/rescan',
  inventoryChanged: 'containerAtlas/inventoryChanged',
  trustChanged: 'containerAtlas/trustChanged',
} as const;
