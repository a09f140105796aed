// The import rules of src/ (npm run depcheck). The layers are listed bottom to top: a folder may import
// its own layer's folders only where `sideways` allows it, and the layers below; never a layer above,
// also not for types (type-only imports are cruised too). The README's "Layout" section explains them.
/** @type {{ name: string, folders: string[] }[]} */
const layers = [
  { name: 'base', folders: ['common', 'config', 'database'] },
  { name: 'core', folders: ['identity', 'calendar', 'procedure', 'notifications', 'health'] },
  { name: 'organizations', folders: ['organizations'] },
  { name: 'plans', folders: ['plans'] },
  { name: 'stages', folders: ['remarks', 'moderation', 'hearings', 'reviews', 'commitments', 'documentation', 'outcomes'] },
  { name: 'cross-stage', folders: ['scheduler', 'demo', 'sandbox', 'plan-record', 'open-data', 'plan-import'] },
  { name: 'web', folders: ['web'] },
  // The wiring: files directly in src/ (main.ts, app.module.ts, create-app.ts, bootstrap-data.ts, entities.ts).
  { name: 'wiring', folders: [] },
];

/** Imports between two folders of one layer that are allowed, as [from, to]. Add none lightly. */
const sideways = [
  ['common', 'config'],
  ['database', 'common'],
  ['database', 'config'],
  ['calendar', 'identity'],
  ['procedure', 'calendar'],
  ['identity', 'notifications'],
  ['remarks', 'hearings'],
  ['reviews', 'remarks'],
  ['commitments', 'remarks'],
  ['documentation', 'reviews'],
  ['documentation', 'commitments'],
  ['outcomes', 'commitments'],
  ['outcomes', 'remarks'],
  ['outcomes', 'reviews'],
  ['outcomes', 'moderation'],
  ['moderation', 'remarks'],
];

const folderPath = (folders) => `^src/(${folders.join('|')})/`;
const foldersFrom = (index) => layers.slice(index).flatMap((layer) => layer.folders);
const wiringFiles = '^src/[^/]+$';

const upward = layers.slice(0, -1).map((layer, index) => {
  const higher = foldersFrom(index + 1);
  return {
    name: `${layer.name}-imports-no-higher-layer`,
    comment: `${layer.name} (${layer.folders.join(', ')}) imports only its own layer and those below it`,
    severity: 'error',
    from: { path: folderPath(layer.folders) },
    to: { path: higher.length > 0 ? [folderPath(higher), wiringFiles] : wiringFiles },
  };
});

const across = layers.flatMap((layer) =>
  layer.folders.flatMap((folder) => {
    const allowed = sideways.filter(([from]) => from === folder).map(([, to]) => to);
    const forbidden = layer.folders.filter((other) => other !== folder && !allowed.includes(other));
    if (forbidden.length === 0) return [];
    return {
      name: `${folder}-imports-no-sibling`,
      comment: `${folder} imports no other ${layer.name} folder${allowed.length > 0 ? ` except ${allowed.join(', ')}` : ''}`,
      severity: 'error',
      from: { path: `^src/${folder}/` },
      to: { path: folderPath(forbidden) },
    };
  }),
);

module.exports = {
  forbidden: [
    ...upward,
    ...across,
    {
      name: 'folder-in-no-layer',
      comment: 'every folder of src/ belongs to a layer: add a new one to the list in .dependency-cruiser.cjs',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: folderPath(foldersFrom(0)) },
      to: {},
    },
    {
      name: 'no-circular-folders',
      comment: 'no two folders import each other, directly or through others',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-circular',
      comment: 'no import cycle between modules',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'src-imports-no-tests-or-bench',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|test|bench|migrations)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    skipAnalysisNotInRules: true,
  },
};
